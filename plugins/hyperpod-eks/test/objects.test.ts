import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

import { hyperpodEksContext } from '../src/context.js';
import { buildInferenceEndpointConfig } from '../src/objects/inference-endpoint-config.js';
import { hyperpodSettings } from '../src/settings.js';
import { violations } from './crd-schema.js';
import { VARIANTS, projectInput } from './fixtures.js';

const IMAGE = '123456789012.dkr.ecr.us-west-2.amazonaws.com/llama@sha256:' + 'b'.repeat(64);

describe.each(VARIANTS)('InferenceEndpointConfig for $name', ({ overrides }) => {
  const input = projectInput(overrides);
  const settings = hyperpodSettings(input);
  const object = buildInferenceEndpointConfig(settings, IMAGE);

  it('is valid against the operator’s CRD schema (unknown fields refused)', () => {
    expect(violations(object)).toEqual([]);
  });

  it('is what k8s/inference-endpoint-config.yaml holds, but for the image', () => {
    const written = parseYaml(hyperpodEksContext(input).manifests.inferenceEndpointConfig) as typeof object;
    expect(violations(written)).toEqual([]);
    expect({
      ...written,
      spec: { ...written.spec, worker: { ...written.spec.worker, image: IMAGE } },
    }).toEqual(object);
  });

  it('names the group, version and kind, and keeps the names within the CRD’s patterns', () => {
    expect(object.apiVersion).toBe('inference.sagemaker.aws.amazon.com/v1');
    expect(object.kind).toBe('InferenceEndpointConfig');
    expect(object.metadata.name).toMatch(/^[a-z0-9](-*[a-z0-9]){0,62}$/);
    expect(object.spec.modelName).toBe(object.metadata.name);
    expect(object.metadata.namespace).toBe(settings.namespace);
  });
});

describe('what the object says', () => {
  it('references the HF token Secret by name and key, never a value', () => {
    const input = projectInput(VARIANTS[1]!.overrides);
    const object = buildInferenceEndpointConfig(hyperpodSettings(input), IMAGE);
    expect(object.spec.modelSourceConfig).toEqual({
      modelSourceType: 'huggingface',
      huggingFaceModel: {
        modelId: 'meta-llama/Llama-3.2-1B',
        commitSHA: 'a'.repeat(40),
        tokenSecretRef: { name: 'hf-token', key: 'HF_TOKEN' },
      },
    });
    expect(JSON.stringify(object)).not.toMatch(/hf_[A-Za-z]{10,}/);
  });

  it('mounts an S3 model from its bucket and prefix, in the project’s region', () => {
    const object = buildInferenceEndpointConfig(
      hyperpodSettings(projectInput(VARIANTS[2]!.overrides)),
      IMAGE,
    );
    expect(object.spec.modelSourceConfig).toEqual({
      modelSourceType: 's3',
      s3Storage: { bucketName: 'models-bucket', region: 'us-west-2' },
      modelLocation: 'team/llama/',
    });
  });

  it('asks for the GPUs in requests and limits, and autoscales on the endpoint’s invocations', () => {
    const object = buildInferenceEndpointConfig(
      hyperpodSettings(projectInput(VARIANTS[4]!.overrides)),
      IMAGE,
    );
    expect(object.spec.worker.resources).toEqual({
      requests: { 'nvidia.com/gpu': 4, memory: '20480Mi' },
      limits: { 'nvidia.com/gpu': 4 },
    });
    expect(object.spec.invocationEndpoint).toBe('v1/chat/completions');
    expect(object.spec.autoScalingSpec).toMatchObject({
      minReplicaCount: 0,
      maxReplicaCount: 8,
      cloudWatchTrigger: {
        namespace: 'AWS/SageMaker',
        metricName: 'Invocations',
        targetValue: 30,
        dimensions: [
          { name: 'EndpointName', value: 'llama' },
          { name: 'VariantName', value: 'AllTraffic' },
        ],
      },
    });
    expect(object.spec.tlsConfig).toEqual({ tlsCertificateOutputS3Uri: 's3://certs-bucket/hyperpod/' });
  });

  it('folds an awkward image name into the CRD’s name pattern', () => {
    const object = buildInferenceEndpointConfig(
      hyperpodSettings(projectInput(VARIANTS[6]!.overrides)),
      IMAGE,
    );
    expect(object.metadata.name).toBe('my-model-v2');
  });
});

describe('the schema check itself', () => {
  const good = buildInferenceEndpointConfig(hyperpodSettings(projectInput()), IMAGE);

  it('catches a deliberately broken object: every violation, by path', () => {
    const broken = structuredClone(good) as unknown as Record<string, Record<string, unknown>>;
    const spec = broken.spec!;
    delete spec.worker;
    // The CRD's modelName pattern has no end anchor, so only the first character and the length count.
    spec.modelName = `_${'x'.repeat(70)}`;
    spec.instanceType = 'g5.8xlarge';
    spec.modelSourceConfig = { modelSourceType: 'git', huggingFaceModel: { modelId: 'no-org' } };
    spec.replica = 2;
    const found = violations(broken).join('\n');
    expect(found).toMatch(/\/spec must have required property 'worker'/);
    expect(found).toMatch(/\/spec\/modelName must match pattern/);
    expect(found).toMatch(/\/spec\/modelName must NOT have more than 63 characters/);
    expect(found).toMatch(/\/spec\/instanceType must match pattern/);
    expect(found).toMatch(
      /\/spec\/modelSourceConfig\/modelSourceType must be equal to one of the allowed values/,
    );
    expect(found).toMatch(/\/spec\/modelSourceConfig\/huggingFaceModel\/modelId must match pattern/);
    expect(found).toMatch(/\/spec must NOT have additional properties .*"replica"/);
  });

  it('catches a wrong type deep inside (a GPU count as a word)', () => {
    const broken = structuredClone(good);
    (broken.spec.worker.resources.limits as Record<string, unknown>)['nvidia.com/gpu'] = 'one';
    expect(violations(broken).join('\n')).toMatch(/\/spec\/worker\/resources\/limits\/nvidia.com~1gpu/);
  });
});
