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
    // No spec default: an unset timeout takes the endpoint type's (asynchronous: an hour), so the
    // value can only be decided with the target's limits in hand.
    description: `Seconds one request may take before nginx answers 504 and the worker is recycled (default ${DEFAULT_TIMEOUT_SECONDS}, or the target's limit: async 3600)`,
    type: 'integer',
    min: 1,
    max: 3600,
  },
];
