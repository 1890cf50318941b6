export { createHuggingFaceSource, huggingfaceSource, type HuggingFaceSourceOptions } from './source.js';
export { parseModelReference, DEFAULT_REVISION, type ModelReference } from './model-reference.js';
export {
  readHubToken,
  tokenFilePath,
  hubEndpoint,
  DEFAULT_ENDPOINT,
  type HubToken,
} from './hub-environment.js';
