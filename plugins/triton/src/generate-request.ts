import type { DataType } from './data-types.js';
import type { TensorSpec } from './model-config.js';

/**
 * How code/adapter.py writes a request body for Triton's generate route
 * (`/v2/models/<model>/generate`), per LLM backend. The generate extension turns each top-level
 * field of the body into the model input of that name, so the body's fields are the inputs the
 * model declares: vLLM's backend declares its own (text_input, stream, sampling_parameters as a
 * JSON string, exclude_input_in_output); the TensorRT-LLM LLM API model reads one input per
 * sampling setting (sampling_param_max_tokens …), which config.pbtxt declares from this list.
 */
export interface GenerateRequestShape {
  /** `sampling-json`: settings go into one JSON string input; `inputs`: one input each. */
  style: 'sampling-json' | 'inputs';
  /** The input that holds the JSON settings (`sampling-json`), or the prefix of each (`inputs`). */
  field: string;
  /** Fields every request carries: no streaming, the generated text only. */
  fixed: Readonly<Record<string, boolean>>;
  /** The backend's sampling settings the adapter passes on, with the input type of each. */
  settings: Readonly<Record<string, { type: DataType; list?: boolean }>>;
}

/** Settings both engines take, by their engine names (TGI's max_new_tokens is max_tokens here). */
const COMMON = {
  max_tokens: { type: 'INT32' },
  temperature: { type: 'FP32' },
  top_p: { type: 'FP32' },
  top_k: { type: 'INT32' },
  seed: { type: 'UINT64' },
  frequency_penalty: { type: 'FP32' },
  presence_penalty: { type: 'FP32' },
  stop: { type: 'STRING', list: true },
} as const;

export const GENERATE_REQUESTS = {
  vllm: {
    style: 'sampling-json',
    field: 'sampling_parameters',
    fixed: { stream: false, exclude_input_in_output: true },
    settings: { ...COMMON, repetition_penalty: { type: 'FP32' } },
  },
  tensorrtllm: {
    style: 'inputs',
    field: 'sampling_param_',
    fixed: { streaming: false, sampling_param_exclude_input_from_output: true },
    settings: COMMON,
  },
} as const satisfies Record<string, GenerateRequestShape>;

/**
 * The inputs and outputs of the TensorRT-LLM LLM API model as mcc's adapter uses them. Its model.py
 * reads the output type of text_output from config.pbtxt and adds no tensors of its own, so they
 * are declared here; every input but the prompt is optional.
 */
export function llmApiTensors(): { inputs: TensorSpec[]; outputs: TensorSpec[] } {
  const shape = GENERATE_REQUESTS.tensorrtllm;
  const settings = Object.entries(shape.settings).map(([name, spec]): TensorSpec => ({
    name: `${shape.field}${name}`,
    dataType: spec.type,
    dims: 'list' in spec && spec.list ? [-1] : [1],
    optional: true,
  }));
  const flags = Object.keys(shape.fixed).map((name): TensorSpec => ({
    name,
    dataType: 'BOOL',
    dims: [1],
    optional: true,
  }));
  return {
    inputs: [{ name: 'text_input', dataType: 'STRING', dims: [-1] }, ...flags, ...settings],
    outputs: [{ name: 'text_output', dataType: 'STRING', dims: [-1] }],
  };
}
