import type { ProjectInput } from '@mcc/sdk';

export interface Overrides {
  model?: Partial<ProjectInput['model']>;
  options?: ProjectInput['target']['options'];
  instance?: Partial<ProjectInput['instance']>;
  project?: Partial<ProjectInput['project']>;
}

/** A ProjectInput as core resolves it for a vLLM project serving a Hub model on one GPU. */
export function projectInput(overrides: Overrides = {}): ProjectInput {
  return {
    project: { name: 'llama', imageName: 'llama', version: '0.1.0', ...overrides.project },
    generator: { name: '@mcc/cli', version: '0.1.0' },
    model: {
      source: 'huggingface',
      sample: false,
      delivery: 'runtime',
      location: 'meta-llama/Llama-3.2-1B',
      hub: { id: 'meta-llama/Llama-3.2-1B', revision: 'main', gated: false },
      format: 'huggingface',
      fileName: 'model',
      ...overrides.model,
    },
    server: { id: 'vllm', baseImage: 'vllm/vllm-openai:v0.21.0', options: {} },
    target: {
      id: 'hyperpod-eks',
      options: {
        'cluster-name': 'ml-cluster',
        namespace: 'default',
        replicas: 1,
        'invocation-path': 'invocations',
        'target-invocations': 100,
        'hf-token-secret-key': 'token',
        ...overrides.options,
      },
    },
    instance: {
      instanceType: 'ml.g5.8xlarge',
      vcpu: 32,
      memoryGiB: 128,
      acceleratorCount: 1,
      catalogued: true,
      ...overrides.instance,
    },
    region: 'us-west-2',
  };
}

const S3_MODEL: Overrides['model'] = {
  source: 's3',
  location: 's3://models-bucket/team/llama/',
  hub: undefined,
  s3: { uri: 's3://models-bucket/team/llama/', bucket: 'models-bucket', prefix: 'team/llama/' },
};

/** Every kind of object the target can build: each option that changes the object, alone and together. */
export const VARIANTS: readonly { name: string; overrides: Overrides }[] = [
  { name: 'Hub model, defaults', overrides: {} },
  {
    name: 'Hub model pinned to a commit, gated, token Secret, own key',
    overrides: {
      model: {
        hub: { id: 'meta-llama/Llama-3.2-1B', revision: 'main', commit: 'a'.repeat(40), gated: true },
      },
      options: { 'hf-token-secret': 'hf-token', 'hf-token-secret-key': 'HF_TOKEN' },
    },
  },
  { name: 'S3 model', overrides: { model: S3_MODEL } },
  {
    name: 'S3 model without the source’s parse (offline)',
    overrides: { model: { ...S3_MODEL, s3: undefined } },
  },
  {
    name: 'autoscaling from zero, custom path, namespace, several GPUs, TLS bucket, sized memory',
    overrides: {
      options: {
        'min-replicas': 0,
        'max-replicas': 8,
        replicas: 2,
        'target-invocations': 30,
        'invocation-path': 'v1/chat/completions',
        namespace: 'hyperpod-ns-team-a',
        'gpu-count': 4,
        'tls-certificate-s3-uri': 's3://certs-bucket/hyperpod/',
      },
      instance: {
        instanceType: 'ml.g5.12xlarge',
        acceleratorCount: 4,
        sizing: { sizer: 'gpu', hostMemoryBytes: 20 * 2 ** 30 },
      },
    },
  },
  { name: 'no GPU requested', overrides: { options: { 'gpu-count': 0 } } },
  {
    name: 'awkward project name',
    overrides: { project: { name: 'My_Model.v2', imageName: 'my_model.v2--', version: '1.0.0+build.5' } },
  },
];
