export { sklearnServer } from './server.js';
export { sklearnContext } from './context.js';
export type { SklearnContext, HttpLayer } from './context.js';
export { sklearnOptions } from './options.js';
