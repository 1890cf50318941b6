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

export type ExtensionPointId = keyof ExtensionPoints;

export const EXTENSION_POINT_IDS: readonly ExtensionPointId[] = ['model-source', 'server', 'target', 'sizer'];
