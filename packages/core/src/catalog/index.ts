export {
  createInstanceCatalog,
  instanceCatalog,
  instanceCatalogAbout,
  parseInstanceCatalog,
  INSTANCE_CATALOG_FILE,
  type LoadedInstanceCatalog,
} from './catalog.js';
export {
  invalidInstanceTypeError,
  isRealtimeInstanceType,
  realtimeInstanceTypes,
  suggestInstanceTypes,
  REALTIME_INSTANCE_TYPES_FILE,
} from './realtime-types.js';
export { deriveInstance, vcpuFromInstanceType } from './derive-instance.js';
