export * from './define.js';
export * from './errors.js';
export * from './escape.js';
export * from './iam.js';
export type * from './files.js';
export type * from './instance.js';
export type * from './model.js';
export type * from './model-source.js';
export type * from './options.js';
export * from './payload-limit.js';
export * from './points.js';
export type * from './project.js';
export * from './registry.js';
export type * from './server.js';
export type * from './sizer.js';
export type * from './target.js';
export * from './lifecycle/index.js';
// The shared Secrets Manager token reader (code/aws_secret.py), for servers outside the two LLM kits.
export { hfTokenTemplatesDir } from './hf-token-templates-dir.js';
