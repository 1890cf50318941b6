export { sklearnServer } from './server.js';
export { sklearnFramework } from './context.js';
export type { SklearnContext, SklearnFramework } from './context.js';
export { sklearnOptions } from './options.js';
