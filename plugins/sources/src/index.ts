export { localSource } from './local.js';
export { sampleSource, SAMPLE_MODEL_SIZE_BYTES } from './sample.js';
export { expandPath } from './expand-path.js';
export { s3Source, MAX_LIST_PAGES } from './s3.js';
export { parseS3Uri, type S3Location } from './s3-uri.js';
