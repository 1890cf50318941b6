export { XGBOOST_FORMATS } from './formats.js';
export { xgboostOptions, DEFAULT_XGBOOST_VERSION, XGBOOST_VERSION_PATTERN } from './options.js';
export { xgboostContext } from './context.js';
export type { XgboostContext, XgboostFormat } from './context.js';
export { numpyFor, xgboostRequirements } from './requirements.js';
export { validateModel } from './validate-model.js';
export { describeModelBytes } from './model-bytes.js';
export type { ModelBytes, ModelBytesKind, FileEnds } from './model-bytes.js';
export { xgboostServer, DEFAULT_BASE_IMAGE, MEMORY_PER_MODEL_BYTE } from './server.js';
