export type { CommonConformanceOptions, ConformanceNote, ConformanceProblem } from './problem.js';
export { checkServerConformance } from './server.js';
export type { ServerConformanceOptions } from './server.js';
export { checkTargetConformance } from './target.js';
export type { TargetConformanceOptions } from './target.js';
export { checkSizerConformance, byHourlyPrice } from './sizer.js';
export type { SizerConformanceOptions } from './sizer.js';
export { checkModelSourceConformance, UNACCEPTABLE_LOCATION } from './model-source.js';
export type { ModelSourceConformanceOptions } from './model-source.js';
export type { ShellcheckMode } from './shellcheck.js';
export { ForbiddenAws } from './recording-aws.js';
export { withoutNetwork, NetworkForbiddenError } from './network-guard.js';
export type { NetworkAttempt } from './network-guard.js';
export {
  CPU_TEST_INSTANCE,
  GPU_TEST_INSTANCE,
  formatsFor,
  testModel,
  testProjectInput,
  testSampleModel,
} from './project-input.js';
export type { TestProjectParts } from './project-input.js';
export { TEST_INSTANCES, testCatalog } from './test-catalog.js';
export { SMALL_LLM_CONFIG, defaultSizingRequests } from './sizing-requests.js';
