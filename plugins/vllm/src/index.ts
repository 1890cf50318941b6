export { VLLM_ENGINE } from './engine.js';
export { DEFAULT_IMAGE, VLLM_IMAGES } from './images.js';
export type { EngineImage } from './images.js';
export { vllmServer } from './server.js';
