export * from './deployment.js';
export * from './requests.js';
export * from './status.js';
export type * from './spec.js';
export type * from './state.js';
export * from './teardown.js';
