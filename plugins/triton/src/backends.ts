import type { ProjectChoices } from '@mcc/sdk';

/**
 * The Triton backends mcc generates a model repository for, and what each one needs. Kept as data
 * so the context, the validation and the tests read the same facts.
 */
export const BACKENDS = [
  'fil',
  'onnxruntime',
  'tensorflow',
  'pytorch',
  'python',
  'vllm',
  'tensorrtllm',
] as const;

export type Backend = (typeof BACKENDS)[number];

/** Which NGC image flavour serves a backend (see images.ts). */
export type ImageFamily = 'py3' | 'vllm' | 'trtllm';

export interface BackendFacts {
  /** The value of `backend:` in config.pbtxt. */
  configBackend: string;
  /** In words, for messages and the README. */
  title: string;
  family: ImageFamily;
  /** Model formats (ids of TRITON_FORMATS) the backend serves. */
  formats: readonly string[];
  /** A large language model engine: no Triton batching, a Hub model, a GPU. */
  llm: boolean;
  /** Whether mcc can train a sample model for it on a CPU at image build time. */
  sample: boolean;
  /** Default max_batch_size when the option is not given. */
  defaultMaxBatchSize: number;
}

export const BACKEND_FACTS: Readonly<Record<Backend, BackendFacts>> = {
  fil: {
    configBackend: 'fil',
    title: 'FIL (tree models)',
    family: 'py3',
    formats: ['xgboost-json', 'xgboost-ubj', 'xgboost-binary', 'lightgbm', 'treelite'],
    llm: false,
    sample: true,
    // Tree inference is cheap per row: FIL's own guide batches thousands of rows per call.
    defaultMaxBatchSize: 8192,
  },
  onnxruntime: {
    configBackend: 'onnxruntime',
    title: 'ONNX Runtime',
    family: 'py3',
    formats: ['onnx'],
    llm: false,
    sample: false,
    defaultMaxBatchSize: 32,
  },
  tensorflow: {
    configBackend: 'tensorflow',
    title: 'TensorFlow (SavedModel)',
    family: 'py3',
    formats: ['savedmodel'],
    llm: false,
    sample: false,
    defaultMaxBatchSize: 32,
  },
  pytorch: {
    configBackend: 'pytorch',
    title: 'PyTorch (TorchScript)',
    family: 'py3',
    formats: ['torchscript'],
    llm: false,
    sample: false,
    defaultMaxBatchSize: 32,
  },
  python: {
    configBackend: 'python',
    title: 'Python (scikit-learn)',
    family: 'py3',
    formats: ['sklearn'],
    llm: false,
    sample: true,
    defaultMaxBatchSize: 64,
  },
  vllm: {
    configBackend: 'vllm',
    title: 'vLLM',
    family: 'vllm',
    formats: ['huggingface'],
    llm: true,
    sample: false,
    defaultMaxBatchSize: 0,
  },
  tensorrtllm: {
    configBackend: 'python',
    title: 'TensorRT-LLM (LLM API)',
    family: 'trtllm',
    formats: ['huggingface'],
    llm: true,
    sample: false,
    defaultMaxBatchSize: 0,
  },
};

export function isBackend(value: string): value is Backend {
  return (BACKENDS as readonly string[]).includes(value);
}

/** The backend that serves a format, for a model given without `--option backend`. */
export function backendForFormat(format: string): Backend | undefined {
  return BACKENDS.find((backend) => BACKEND_FACTS[backend].formats.includes(format));
}

/**
 * The backend a project's choices point to: the `backend` option, else the sample's (FIL), else the
 * one serving the model's format; undefined when they do not tell (context() then says why).
 */
export function backendOfChoices({ options, model }: ProjectChoices): Backend | undefined {
  const given = options.backend;
  if (typeof given === 'string') return isBackend(given) ? given : undefined;
  if (model?.sample) return 'fil';
  return model ? backendForFormat(model.format) : undefined;
}
