/**
 * `@mcc/sdk/llm`: the serving kit of every LLM engine server (vLLM, SGLang, TensorRT-LLM …). Cheap
 * to import: types, small helpers and the shared templates' URL; rendering stays in `@mcc/sdk/render`.
 */
export { LLM_PAYLOAD_FILES, envName, llmContext } from './context.js';
export type { LlmContext, LlmSettingRow, LlmSettingValue } from './context.js';
export { HUGGINGFACE_FORMAT, defineLlmServer } from './define.js';
export type { EngineDtype, LlmEngine, LlmSetting } from './engine.js';
export { LLM_FILES } from './files.js';
export {
  LLM_DTYPES,
  LLM_LORA_OPTIONS,
  LLM_OPTION_KEYS,
  LLM_SHARED_OPTIONS,
  LORA_ADAPTERS_PATTERN,
  isLlmDtype,
  quantizationOption,
} from './options.js';
export type { LlmDtype } from './options.js';
export type { LlmServerContext, LlmServerSpec } from './spec.js';
export { llmTemplatesDir } from './templates-dir.js';
