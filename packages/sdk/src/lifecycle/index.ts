export * from './aws.js';
export * from './kube.js';
export * from './kube-path.js';
export * from './kube-discovery.js';
export * from './plan.js';
export type * from './progress.js';
export type * from './state.js';
export * from './verbs.js';
