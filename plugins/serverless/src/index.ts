export { serverlessTarget } from './target.js';
export { iamScope, serverlessContext } from './context.js';
export type { ServerlessContext } from './context.js';
export { endpointLogGroup, iamDocuments } from './iam.js';
export type { IamDocuments, IamScope, PolicyDocument, PolicyStatement } from './iam.js';
export {
  INVOCATION_TIMEOUT_SECONDS,
  MAX_CONCURRENCY_LIMIT,
  MAX_IMAGE_BYTES,
  MAX_PAYLOAD_BYTES,
  MEMORY_STEPS_MB,
} from './limits.js';
export { resourceBase, resourceNames } from './names.js';
export type { ResourceNames } from './names.js';
export { OPTION_KEYS, serverlessOptions } from './options.js';
export { serverlessConfig } from './serverless-config.js';
export type { ServerlessConfig } from './serverless-config.js';
