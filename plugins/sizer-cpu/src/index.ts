export { cpuSizer, MAX_RECOMMENDATIONS } from './sizer.js';
export { CPU_FAMILIES, type CpuFamily } from './families.js';
export {
  DEFAULT_MEMORY_PER_MODEL_BYTE,
  USABLE_MEMORY_FRACTION,
  estimateServing,
  type ServingEstimate,
} from './estimate.js';
