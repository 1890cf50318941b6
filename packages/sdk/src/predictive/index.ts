/**
 * `@mcc/sdk/predictive`: the HTTP layer written once for every predictive server. Cheap to import:
 * types, small helpers and the shared templates' URL; rendering (EJS) stays in `@mcc/sdk/render`.
 */
export { predictiveContext, MAX_BODY_BYTES } from './context.js';
export type { PredictiveContext, PredictiveContextOptions } from './context.js';
export { definePredictiveServer } from './define.js';
export { ABALONE_SAMPLE_PAYLOADS, PREDICTIVE_FILES, sampleOnlyFiles } from './files.js';
export { HTTP_LAYERS, HTTP_STACKS, HTTP_DEBIAN_PACKAGES, isHttpLayer } from './http.js';
export type { HttpLayer } from './http.js';
export { PREDICTIVE_OPTIONS, DEFAULT_TIMEOUT_SECONDS } from './options.js';
export type { FrameworkParts, PredictiveServerContext, PredictiveServerSpec } from './spec.js';
export { predictiveTemplatesDir } from './templates-dir.js';
export { PREDICTIVE_PINS, httpRequirements } from './versions.js';
export {
  FIXED_BYTES,
  USABLE_MEMORY_FRACTION,
  WORKER_RUNTIME_BYTES,
  defaultWorkers,
  threadsPerWorker,
} from './workers.js';
