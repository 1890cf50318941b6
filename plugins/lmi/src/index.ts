export { lmiServer, LMI_SUMMARY } from './server.js';
export { DEFAULT_BASE_IMAGE, DLC_REGISTRIES, LMI_IMAGE, cudaVersionOf, lmiImage } from './images.js';
export { lmiOptions, QUANTIZATION, ROLLING_BATCH } from './options.js';
export type { RollingBatch } from './options.js';
export { lmiEngineName, lmiProperties } from './properties.js';
