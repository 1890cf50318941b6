export * from './aws.js';
export * from './kube.js';
export type * from './progress.js';
export type * from './state.js';
export * from './verbs.js';
