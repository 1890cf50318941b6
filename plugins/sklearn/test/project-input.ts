import type { ProjectInput } from '@mcc/sdk';

export type Scenario = {
  http: 'flask' | 'fastapi';
  source: 'sample' | 'local';
  /** A local model's format (and file name `model.<format>`); default `pkl`. */
  format?: 'pkl' | 'joblib';
  options?: ProjectInput['server']['options'];
};

/** A ProjectInput as core would resolve it, built by hand for one scenario. */
export function projectInput({ http, source, format = 'pkl', options }: Scenario): ProjectInput {
  const sample = source === 'sample';
  return {
    project: { name: `sk-${source}-${http}`, imageName: `sk-${source}-${http}`, version: '0.1.0' },
    generator: { name: 'mcc', version: '0.0.0-test' },
    model: sample
      ? { source: 'sample', sample: true, delivery: 'train', format: 'joblib', fileName: 'model.joblib' }
      : {
          source: 'local',
          sample: false,
          delivery: 'copy',
          format,
          fileName: `model.${format}`,
          location: `/models/model.${format}`,
          sizeBytes: 4096,
        },
    server: {
      id: 'sklearn',
      http,
      baseImage: 'public.ecr.aws/docker/library/python:3.12.8-slim-bookworm',
      options: { 'sklearn-version': '1.5.2', workers: 0, timeout: 60, ...options },
    },
    target: { id: 'managed-inference', options: {} },
    instance: { instanceType: 'ml.m5.xlarge', vcpu: 4, memoryGiB: 16, acceleratorCount: 0, catalogued: true },
    region: 'us-east-1',
  };
}
