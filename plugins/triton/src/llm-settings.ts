import type { ProjectInput } from '@mcc/sdk';

/** Engine settings of the LLM backends, from the options and the sized instance. */
export interface LlmSettings {
  /** What the engine loads: the Hub id, or the directory SageMaker copies an S3 model into. */
  model: string;
  revision: string | null;
  tensorParallelDegree: number;
  maxModelLen: number | null;
  gpuMemoryUtilization: number;
}

function numberOption(input: ProjectInput, key: string): number | undefined {
  const value = input.server.options[key];
  return typeof value === 'number' ? value : undefined;
}

/**
 * The settings; the tensor-parallel degree defaults to the sizer's, else every GPU of the instance.
 * An S3 model is read from `s3ModelDir`, where SageMaker copies the model data before start-up.
 */
export function llmSettings(input: ProjectInput, s3ModelDir: string): LlmSettings {
  const hub = input.model.hub;
  const s3 = input.model.source === 's3';
  return {
    model: s3 ? s3ModelDir : (hub?.id ?? input.model.location ?? ''),
    revision: s3 ? null : (hub?.commit ?? hub?.revision ?? null),
    tensorParallelDegree:
      numberOption(input, 'tensor-parallel-degree') ??
      input.instance.sizing?.tensorParallelDegree ??
      Math.max(1, input.instance.acceleratorCount),
    maxModelLen: numberOption(input, 'max-model-len') ?? input.instance.sizing?.maxModelLen ?? null,
    gpuMemoryUtilization: numberOption(input, 'gpu-memory-utilization') ?? 0.9,
  };
}

/** vLLM's `model.json`: AsyncEngineArgs keyword arguments, read by the vLLM backend. */
export function vllmModelJson(settings: LlmSettings): string {
  const args: Record<string, unknown> = {
    model: settings.model,
    ...(settings.revision ? { revision: settings.revision } : {}),
    tensor_parallel_size: settings.tensorParallelDegree,
    gpu_memory_utilization: settings.gpuMemoryUtilization,
    ...(settings.maxModelLen ? { max_model_len: settings.maxModelLen } : {}),
  };
  return `${JSON.stringify(args, null, 2)}\n`;
}

/**
 * TensorRT-LLM's `model.yaml`: LLM() constructor arguments, read by the LLM API model, and its
 * `triton_config`, which the model's auto-complete requires and applies to config.pbtxt (so it
 * repeats what config.pbtxt says: Triton refuses a decoupled setting that changes).
 */
export function trtllmModelYaml(settings: LlmSettings, decoupled: boolean): string {
  const lines = [
    `model: ${JSON.stringify(settings.model)}`,
    ...(settings.revision ? [`revision: ${JSON.stringify(settings.revision)}`] : []),
    'backend: "pytorch"',
    `tensor_parallel_size: ${settings.tensorParallelDegree}`,
    ...(settings.maxModelLen ? [`max_seq_len: ${settings.maxModelLen}`] : []),
    'kv_cache_config:',
    `  free_gpu_memory_fraction: ${settings.gpuMemoryUtilization}`,
    'triton_config:',
    '  max_batch_size: 0',
    `  decoupled: ${decoupled ? 'true' : 'false'}`,
  ];
  return `${lines.join('\n')}\n`;
}
