export { SGLANG_ENGINE } from './engine.js';
export { DEFAULT_IMAGE, SGLANG_IMAGES } from './images.js';
export type { EngineImage } from './images.js';
export { sglangServer } from './server.js';
