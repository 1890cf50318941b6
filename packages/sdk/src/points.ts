import type { ModelSource } from './model-source.js';
import type { Server } from './server.js';
import type { Sizer } from './sizer.js';
import type { Target } from './target.js';

/** The four extension points, by id. */
export interface ExtensionPoints {
  'model-source': ModelSource;
  server: Server;
  target: Target;
  sizer: Sizer;
}

/** `model-source`, `server`, `target` or `sizer`: what `registry.add` takes first. */
export type ExtensionPointId = keyof ExtensionPoints;

/** Every extension point id, in the order listings show them. */
export const EXTENSION_POINT_IDS: readonly ExtensionPointId[] = ['model-source', 'server', 'target', 'sizer'];
