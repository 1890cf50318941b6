import type { ModelSource } from './model-source.js';
import type { Server } from './server.js';
import type { Sizer } from './sizer.js';
import type { Target } from './target.js';

type WithoutKind<T> = Omit<T, 'kind'>;

/** Declares a Server; the `kind` brand is added so core can check what `load()` returned. */
export function defineServer<C extends object>(server: WithoutKind<Server<C>>): Server<C> {
  return { ...server, kind: 'server' };
}

/** Declares a Target; the `kind` brand is added so core can check what `load()` returned. */
export function defineTarget<C extends object>(target: WithoutKind<Target<C>>): Target<C> {
  return { ...target, kind: 'target' };
}

/** Declares a ModelSource; the `kind` brand is added so core can check what `load()` returned. */
export function defineModelSource(source: WithoutKind<ModelSource>): ModelSource {
  return { ...source, kind: 'model-source' };
}

/** Declares a Sizer; the `kind` brand is added so core can check what `load()` returned. */
export function defineSizer(sizer: WithoutKind<Sizer>): Sizer {
  return { ...sizer, kind: 'sizer' };
}
