// @mcc/plugin-sizer-gpu: sizes GPU instances for generative models from their config.json.
export { gpuSizer } from './sizer.js';
export { readArchitecture, type Architecture, type Experts } from './architecture.js';
export { countFromConfig, countParameters, type ParameterCount } from './parameters.js';
export {
  ACCEPTED_DTYPES,
  BYTES_PER_PARAMETER,
  resolveDtype,
  type Precision,
  type ResolvedDtype,
} from './dtype.js';
export {
  estimatePerGpu,
  kvBytesPerToken,
  FIXED_OVERHEAD_PER_GPU,
  GPU_MEMORY_FRACTION,
  OVERHEAD_FRACTION,
  type GpuEstimate,
  type ModelDemand,
} from './estimate.js';
export {
  DEFAULT_CONCURRENCY,
  DEFAULT_MAX_MODEL_LEN,
  planWorkload,
  type PlannedWorkload,
} from './workload.js';
export { TP_DEGREES, splits, validDegrees } from './tensor-parallel.js';
