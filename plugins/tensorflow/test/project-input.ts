import type { ProjectInput } from '@mcc/sdk';

export type Scenario =
  | { source: 'sample'; http?: 'flask' | 'fastapi'; options?: ProjectInput['server']['options'] }
  | {
      source: 'local';
      format: string;
      fileName: string;
      http?: 'flask' | 'fastapi';
      options?: ProjectInput['server']['options'];
    };

/** A ProjectInput as core would resolve it for the tensorflow server, built by hand. */
export function projectInput(scenario: Scenario): ProjectInput {
  const name = scenario.source === 'sample' ? 'tf-sample' : `tf-${scenario.format}`;
  return {
    project: { name, imageName: name, version: '0.1.0' },
    generator: { name: 'mcc', version: '0.0.0-test' },
    model:
      scenario.source === 'sample'
        ? { source: 'sample', sample: true, delivery: 'train', format: 'keras', fileName: 'model.keras' }
        : {
            source: 'local',
            sample: false,
            delivery: 'copy',
            format: scenario.format,
            fileName: scenario.fileName,
            location: `/models/${scenario.fileName}`,
            sizeBytes: 1 << 20,
          },
    server: {
      id: 'tensorflow',
      http: scenario.http ?? 'flask',
      baseImage: 'public.ecr.aws/docker/library/python:3.12.8-slim-bookworm',
      options: { 'tensorflow-version': '2.18.0', ...scenario.options },
    },
    target: { id: 'managed-inference', options: {} },
    instance: { instanceType: 'ml.m5.xlarge', vcpu: 4, memoryGiB: 16, acceleratorCount: 0, catalogued: true },
    region: 'us-east-1',
  };
}
