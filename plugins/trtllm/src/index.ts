export { TRTLLM_ENGINE } from './engine.js';
export { DEFAULT_IMAGE, TRTLLM_IMAGES } from './images.js';
export type { EngineImage } from './images.js';
export { trtllmServer } from './server.js';
