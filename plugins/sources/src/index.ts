export { localSource } from './local.js';
export { sampleSource, SAMPLE_MODEL_SIZE_BYTES } from './sample.js';
export { expandPath } from './expand-path.js';
