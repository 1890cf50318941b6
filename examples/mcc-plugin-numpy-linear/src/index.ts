// The package's entry point, for tests and for anyone composing this server into another one.
export { numpyLinearServer } from './server.js';
export { numpyLinearContext } from './context.js';
export type { NumpyLinearContext } from './context.js';
