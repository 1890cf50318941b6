import type { ProjectInput } from '@mcc/sdk';

/** Engine settings of the LLM backends, from the options and the sized instance. */
export interface LlmSettings {
  hubId: string;
  revision: string | null;
  tensorParallelDegree: number;
  maxModelLen: number | null;
  gpuMemoryUtilization: number;
}

function numberOption(input: ProjectInput, key: string): number | undefined {
  const value = input.server.options[key];
  return typeof value === 'number' ? value : undefined;
}

/** The settings; the tensor-parallel degree defaults to the sizer's, else every GPU of the instance. */
export function llmSettings(input: ProjectInput): LlmSettings {
  const hub = input.model.hub;
  return {
    hubId: hub?.id ?? input.model.location ?? '',
    revision: hub?.commit ?? hub?.revision ?? null,
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
    model: settings.hubId,
    ...(settings.revision ? { revision: settings.revision } : {}),
    tensor_parallel_size: settings.tensorParallelDegree,
    gpu_memory_utilization: settings.gpuMemoryUtilization,
    ...(settings.maxModelLen ? { max_model_len: settings.maxModelLen } : {}),
  };
  return `${JSON.stringify(args, null, 2)}\n`;
}

/** TensorRT-LLM's `model.yaml`: LLM() constructor arguments, read by the LLM API model. */
export function trtllmModelYaml(settings: LlmSettings): string {
  const lines = [
    `model: ${JSON.stringify(settings.hubId)}`,
    ...(settings.revision ? [`revision: ${JSON.stringify(settings.revision)}`] : []),
    'backend: "pytorch"',
    `tensor_parallel_size: ${settings.tensorParallelDegree}`,
    ...(settings.maxModelLen ? [`max_seq_len: ${settings.maxModelLen}`] : []),
    'kv_cache_config:',
    `  free_gpu_memory_fraction: ${settings.gpuMemoryUtilization}`,
  ];
  return `${lines.join('\n')}\n`;
}
