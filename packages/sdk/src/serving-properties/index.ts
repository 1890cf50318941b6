/**
 * `@mcc/sdk/serving-properties`: the shared kit of DJL-Serving-based servers (LMI, DJL): typed
 * options written to `serving.properties`, `OPTION_*` variables overriding them at start-up, the
 * Dockerfile, `code/serve`, the README section and the sample payload. Cheap to import.
 */
export { servingPropertiesContext } from './context.js';
export { CODE_DIR, DJL_PORT, GENERATE_PAYLOADS, PROPERTIES_PATH } from './defaults.js';
export { defineServingPropertiesServer, HUGGINGFACE_DIRECTORY_FORMAT } from './define.js';
export { optionEnvName, optionKeyFromEnv } from './env.js';
export { modelReference } from './model.js';
export type { ModelReference } from './model.js';
export {
  DEFAULT_GPU_MEMORY_UTILIZATION,
  DEFAULT_MAX_CONCURRENCY,
  DTYPES,
  SHARED_PROPERTY_KEYS,
  sharedOptions,
} from './options.js';
export type { SharedOptionKey } from './options.js';
export { tensorParallelDegree } from './parallel.js';
export {
  formatProperties,
  parseProperties,
  propertiesKey,
  propertiesLine,
  propertiesValue,
} from './properties.js';
export type { PropertyValue, ServingProperty } from './properties.js';
export type {
  PropertySetting,
  ServingPropertiesContext,
  ServingPropertiesServerSpec,
  SettingRow,
  SharedSettings,
} from './spec.js';
export { servingPropertiesTemplatesDir } from './templates-dir.js';
