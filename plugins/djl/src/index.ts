export { djlServer, DJL_SUMMARY } from './server.js';
export { BITSANDBYTES_REQUIREMENT, DEFAULT_BASE_IMAGE, DJL_IMAGE, HF_REQUIREMENTS } from './images.js';
export { djlOptions, QUANTIZATION, ROLLING_BATCH } from './options.js';
export { djlProperties, djlRequirements } from './properties.js';
