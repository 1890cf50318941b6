import type { OptionValues, ProjectInput } from '@mcc/sdk';

import { DEFAULT_IMAGE } from '../../src/images.js';

export interface Scenario {
  name: string;
  source: 'sample' | 'local' | 'huggingface' | 's3';
  /** For local (and S3) models: the format id and the file name core would copy it as. */
  format?: string;
  fileName?: string;
  options?: OptionValues;
  instanceType?: string;
  gpus?: number;
}

/** One scenario per backend (and the python sample), the combinations the golden tests keep. */
export const SCENARIOS: readonly Scenario[] = [
  { name: 'fil', source: 'sample' },
  {
    name: 'fil-lightgbm',
    source: 'local',
    format: 'lightgbm',
    fileName: 'model.txt',
    options: { 'input-dims': '28' },
  },
  {
    name: 'onnxruntime',
    source: 'local',
    format: 'onnx',
    fileName: 'model.onnx',
    instanceType: 'ml.g5.xlarge',
    gpus: 1,
  },
  { name: 'tensorflow', source: 'local', format: 'savedmodel', fileName: 'model' },
  {
    name: 'pytorch',
    source: 'local',
    format: 'torchscript',
    fileName: 'model.pt',
    options: { 'input-dims': '3,224,224', 'output-dims': '1000' },
    instanceType: 'ml.g5.xlarge',
    gpus: 1,
  },
  { name: 'python', source: 'sample', options: { backend: 'python' } },
  {
    name: 'vllm',
    source: 'huggingface',
    options: { backend: 'vllm' },
    instanceType: 'ml.g5.2xlarge',
    gpus: 1,
  },
  {
    name: 'tensorrtllm',
    source: 'huggingface',
    options: { backend: 'tensorrtllm', 'max-model-len': 4096 },
    instanceType: 'ml.g5.12xlarge',
    gpus: 4,
  },
  {
    name: 'vllm-s3',
    source: 's3',
    options: { backend: 'vllm' },
    instanceType: 'ml.g5.2xlarge',
    gpus: 1,
  },
];

/** Option defaults as core resolves them from the server's specs. */
const DEFAULTS: OptionValues = {
  'dynamic-batching': true,
  'max-queue-delay-us': 100,
  'instance-count': 1,
  'instance-kind': 'auto',
  'fil-output-class': false,
  'gpu-memory-utilization': 0.9,
};

/** A ProjectInput as core would resolve it for a scenario. */
export function projectInput(scenario: Scenario, baseImage = DEFAULT_IMAGE.image): ProjectInput {
  const gpus = scenario.gpus ?? 0;
  const model: ProjectInput['model'] =
    scenario.source === 'sample'
      ? {
          source: 'sample',
          sample: true,
          delivery: 'train',
          format: 'xgboost-json',
          fileName: 'xgboost.json',
        }
      : scenario.source === 's3'
        ? {
            source: 's3',
            sample: false,
            delivery: 'runtime',
            format: scenario.format ?? 'huggingface',
            fileName: 'model',
            location: 's3://team-models/llama/',
            s3: { uri: 's3://team-models/llama/', bucket: 'team-models', prefix: 'llama/' },
          }
        : scenario.source === 'huggingface'
          ? {
              source: 'huggingface',
              sample: false,
              delivery: 'runtime',
              format: 'huggingface',
              fileName: 'model',
              location: 'meta-llama/Llama-3.2-1B-Instruct',
              hub: { id: 'meta-llama/Llama-3.2-1B-Instruct', revision: 'main', gated: true },
            }
          : {
              source: 'local',
              sample: false,
              delivery: 'copy',
              format: scenario.format!,
              fileName: scenario.fileName!,
              location: `/models/${scenario.fileName!}`,
              isDirectory: scenario.format === 'savedmodel',
              sizeBytes: 4096,
            };
  return {
    project: { name: `triton-${scenario.name}`, imageName: `triton-${scenario.name}`, version: '0.1.0' },
    generator: { name: 'mcc', version: '0.0.0-test' },
    model,
    server: { id: 'triton', baseImage, options: { ...DEFAULTS, ...scenario.options } },
    target: { id: 'managed-inference', options: {} },
    instance: {
      instanceType: scenario.instanceType ?? 'ml.m5.xlarge',
      vcpu: 4,
      memoryGiB: 16,
      acceleratorCount: gpus,
      catalogued: true,
    },
    region: 'us-east-1',
  };
}
