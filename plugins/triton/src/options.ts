import type { OptionSpec } from '@mcc/sdk';

import { BACKENDS } from './backends.js';
import { DATA_TYPES } from './data-types.js';

const DIMS = /^-?\d+(,-?\d+)*$/;
const SIZES = /^\d+(,\d+)*$/;
const TENSOR_NAME = /^[A-Za-z_][A-Za-z0-9_.:-]*$/;

/** The triton server's options: the backend, then config.pbtxt overrides, then the LLM engines'. */
export const tritonOptions: readonly OptionSpec[] = [
  {
    key: 'backend',
    description: `Triton backend: ${BACKENDS.join(', ')}; default: the one that serves the model's format (fil for the sample)`,
    type: 'enum',
    choices: BACKENDS,
  },
  {
    key: 'max-batch-size',
    description: 'max_batch_size in config.pbtxt; 0 disables Triton batching (the LLM backends require 0)',
    type: 'integer',
    min: 0,
    max: 1_000_000,
  },
  {
    key: 'dynamic-batching',
    description: 'Let Triton stack concurrent requests into one batch (only when max_batch_size > 0)',
    type: 'boolean',
    default: true,
  },
  {
    key: 'preferred-batch-sizes',
    description: 'Batch sizes the dynamic batcher aims for, comma-separated, each at most max_batch_size',
    type: 'string',
    pattern: SIZES,
    patternHint: 'comma-separated positive integers such as 16,32',
  },
  {
    key: 'max-queue-delay-us',
    description: 'Microseconds a request may wait for others to fill a batch',
    type: 'integer',
    min: 0,
    max: 10_000_000,
    default: 100,
  },
  {
    key: 'instance-count',
    description: 'Model instances Triton runs (per GPU with KIND_GPU)',
    type: 'integer',
    min: 1,
    max: 64,
    default: 1,
  },
  {
    key: 'instance-kind',
    description: 'Where instances run: auto (KIND_GPU on a GPU instance, else KIND_CPU), gpu or cpu',
    type: 'enum',
    choices: ['auto', 'gpu', 'cpu'],
    default: 'auto',
  },
  {
    key: 'input-name',
    description:
      'Name of the model input tensor (FIL requires input__0; ONNX and TensorFlow read it from the model when unset)',
    type: 'string',
    pattern: TENSOR_NAME,
    patternHint: 'a tensor name such as input__0',
  },
  {
    key: 'input-type',
    description: 'Data type of the input tensor',
    type: 'enum',
    choices: DATA_TYPES,
  },
  {
    key: 'input-dims',
    description: 'Input dims per row without the batch dimension, comma-separated (-1 is variable), e.g. 10',
    type: 'string',
    pattern: DIMS,
    patternHint: 'comma-separated integers such as 3,224,224 or -1',
  },
  {
    key: 'output-name',
    description: 'Name of the model output tensor',
    type: 'string',
    pattern: TENSOR_NAME,
    patternHint: 'a tensor name such as output__0',
  },
  {
    key: 'output-type',
    description: 'Data type of the output tensor',
    type: 'enum',
    choices: DATA_TYPES,
  },
  {
    key: 'output-dims',
    description: 'Output dims per row without the batch dimension, comma-separated',
    type: 'string',
    pattern: DIMS,
    patternHint: 'comma-separated integers such as 1',
  },
  {
    key: 'fil-output-class',
    description: 'FIL: the model is a classifier (output_class); false for regression',
    type: 'boolean',
    default: false,
  },
  {
    key: 'tensor-parallel-degree',
    description: 'vLLM/TensorRT-LLM: GPUs one copy of the model is split over; default: all of the instance',
    type: 'integer',
    min: 1,
    max: 64,
  },
  {
    key: 'max-model-len',
    description: 'vLLM/TensorRT-LLM: longest sequence (prompt and output, in tokens) served',
    type: 'integer',
    min: 16,
    max: 10_000_000,
  },
  {
    key: 'gpu-memory-utilization',
    description: 'vLLM/TensorRT-LLM: fraction of GPU memory the engine may take for weights and KV cache',
    type: 'number',
    min: 0.05,
    max: 1,
    default: 0.9,
  },
];
