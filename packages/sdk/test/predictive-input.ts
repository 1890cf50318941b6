import type { ProjectInput } from '../src/project.js';

/** A ProjectInput as core would resolve it for a predictive server, with overrides. */
export function predictiveInput(change: {
  http?: string;
  sample?: boolean;
  options?: ProjectInput['server']['options'];
  instance?: Partial<ProjectInput['instance']>;
  sizeBytes?: number;
  target?: Partial<ProjectInput['target']>;
}): ProjectInput {
  const sample = change.sample ?? true;
  return {
    project: { name: 'p', imageName: 'p', version: '0.1.0' },
    generator: { name: 'mcc', version: '0.0.0-test' },
    model: sample
      ? { source: 'sample', sample: true, delivery: 'train', format: 'bin', fileName: 'model.bin' }
      : {
          source: 'local',
          sample: false,
          delivery: 'copy',
          format: 'bin',
          fileName: 'model.bin',
          location: '/models/model.bin',
          sizeBytes: change.sizeBytes ?? 4096,
        },
    server: {
      id: 'toy',
      http: change.http ?? 'flask',
      baseImage: 'public.ecr.aws/docker/library/python:3.12.8-slim-bookworm',
      options: { workers: 0, ...change.options },
    },
    target: { id: 'managed-inference', options: {}, ...change.target },
    instance: {
      instanceType: 'ml.m5.xlarge',
      vcpu: 4,
      memoryGiB: 16,
      acceleratorCount: 0,
      catalogued: true,
      ...change.instance,
    },
    region: 'us-east-1',
  };
}
