import type { OptionSpec } from '../options.js';

/** Default of the `timeout` option: SageMaker expects an answer to /invocations within 60 s. */
export const DEFAULT_TIMEOUT_SECONDS = 60;

/** Options every predictive server has, after the framework's own. */
export const PREDICTIVE_OPTIONS: readonly OptionSpec[] = [
  {
    key: 'workers',
    description: 'Worker processes that run predictions; 0 means one per vCPU of the instance',
    type: 'integer',
    min: 0,
    max: 256,
    default: 0,
  },
  {
    key: 'timeout',
    description: 'Seconds one request may take before nginx answers 504 and the worker is recycled',
    type: 'integer',
    min: 1,
    max: 3600,
    default: DEFAULT_TIMEOUT_SECONDS,
  },
];
