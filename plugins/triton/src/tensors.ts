import { usageError } from '@mcc/sdk';
import type { OptionValues } from '@mcc/sdk';

import type { Backend } from './backends.js';
import type { DataType } from './data-types.js';
import { llmApiTensors } from './generate-request.js';
import type { TensorSpec } from './model-config.js';
import { SAMPLE_FEATURES } from './sample.js';

/** FIL's tensors have fixed names: the backend looks them up by these. */
export const FIL_INPUT = 'input__0';
export const FIL_OUTPUT = 'output__0';
/** The `<name>__<index>` convention the PyTorch backend maps to forward() arguments by position. */
export const INDEXED_INPUT = 'INPUT__0';
export const INDEXED_OUTPUT = 'OUTPUT__0';

export interface Tensors {
  inputs: TensorSpec[];
  outputs: TensorSpec[];
}

function dims(value: unknown): number[] | undefined {
  return typeof value === 'string' ? value.split(',').map(Number) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function needDims(backend: Backend, side: 'input' | 'output', why: string): never {
  throw usageError(
    'OPTION_REQUIRED',
    `The ${backend} backend needs option ${side}-dims, the ${side} tensor's dims (${why}); none were given.`,
    [`Pass --option ${side}-dims=N (per row, without the batch dimension), e.g. --option ${side}-dims=10.`],
  );
}

function fil(options: OptionValues, sample: boolean): Tensors {
  for (const [side, fixed] of [
    ['input', FIL_INPUT],
    ['output', FIL_OUTPUT],
  ] as const) {
    const given = text(options[`${side}-name`]);
    if (given !== undefined && given !== fixed) {
      throw usageError(
        'OPTION_INVALID',
        `${side}-name "${given}" does not fit the fil backend, whose ${side} tensor is always named ${fixed}.`,
        [`Drop --option ${side}-name.`],
      );
    }
  }
  const inputDims = sample ? [SAMPLE_FEATURES.length] : dims(options['input-dims']);
  if (!inputDims)
    needDims(
      'fil',
      'input',
      'FIL takes one row of N features: N is the number of features the trees were trained on',
    );
  if (inputDims.length !== 1 || inputDims[0]! < 1) {
    throw usageError(
      'OPTION_INVALID',
      `input-dims "${inputDims.join(',')}" does not fit the fil backend, which takes one positive feature count such as 10.`,
    );
  }
  return {
    inputs: [{ name: FIL_INPUT, dataType: 'FP32', dims: inputDims }],
    outputs: [{ name: FIL_OUTPUT, dataType: 'FP32', dims: dims(options['output-dims']) ?? [1] }],
  };
}

/** Declared tensors when the user named them; otherwise empty, for Triton to read from the model. */
function readable(options: OptionValues, backend: Backend): Tensors {
  const side = (which: 'input' | 'output'): TensorSpec[] => {
    const name = text(options[`${which}-name`]);
    const given = dims(options[`${which}-dims`]);
    if (name === undefined && given === undefined) return [];
    if (given === undefined)
      needDims(backend, which, `--option ${which}-name was given, so the tensor is declared in full`);
    const dataType = (text(options[`${which}-type`]) ?? 'FP32') as DataType;
    return [{ name: name ?? (which === 'input' ? INDEXED_INPUT : INDEXED_OUTPUT), dataType, dims: given }];
  };
  return { inputs: side('input'), outputs: side('output') };
}

function pytorch(options: OptionValues): Tensors {
  const side = (which: 'input' | 'output', fallback: string): TensorSpec => {
    const given = dims(options[`${which}-dims`]);
    if (!given) needDims('pytorch', which, 'a TorchScript module does not record its tensor shapes');
    return {
      name: text(options[`${which}-name`]) ?? fallback,
      dataType: (text(options[`${which}-type`]) ?? 'FP32') as DataType,
      dims: given,
    };
  };
  return { inputs: [side('input', INDEXED_INPUT)], outputs: [side('output', INDEXED_OUTPUT)] };
}

function python(options: OptionValues, sample: boolean): Tensors {
  return {
    inputs: [
      {
        name: text(options['input-name']) ?? INDEXED_INPUT,
        dataType: (text(options['input-type']) ?? 'FP32') as DataType,
        dims: sample ? [SAMPLE_FEATURES.length] : (dims(options['input-dims']) ?? [-1]),
      },
    ],
    outputs: [
      {
        name: text(options['output-name']) ?? INDEXED_OUTPUT,
        dataType: (text(options['output-type']) ?? 'FP32') as DataType,
        dims: sample ? [1] : (dims(options['output-dims']) ?? [-1]),
      },
    ],
  };
}

/** The input and output tensors config.pbtxt declares for a backend. */
export function tensorsFor(backend: Backend, options: OptionValues, sample: boolean): Tensors {
  switch (backend) {
    case 'fil':
      return fil(options, sample);
    case 'onnxruntime':
    case 'tensorflow':
      return readable(options, backend);
    case 'pytorch':
      return pytorch(options);
    case 'python':
      return python(options, sample);
    case 'vllm':
      // The vLLM backend declares its own (text_input, text_output …) through auto-complete.
      return { inputs: [], outputs: [] };
    case 'tensorrtllm':
      // The LLM API model auto-completes only batching and the transaction policy.
      return llmApiTensors();
  }
}
