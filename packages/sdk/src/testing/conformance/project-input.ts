import type { ModelFormat, ProjectModel } from '../../model.js';
import type { OptionValues } from '../../options.js';
import type { ProjectInput, ProjectInstance } from '../../project.js';

/** A small CPU instance from SageMaker's real-time list, as core describes a catalogued one. */
export const CPU_TEST_INSTANCE: ProjectInstance = {
  instanceType: 'ml.m5.xlarge',
  vcpu: 4,
  memoryGiB: 16,
  acceleratorCount: 0,
  catalogued: true,
};

/** A one-GPU instance (an NVIDIA A10G with 24 GiB), for servers that need an accelerator. */
export const GPU_TEST_INSTANCE: ProjectInstance = {
  instanceType: 'ml.g5.2xlarge',
  vcpu: 8,
  memoryGiB: 32,
  acceleratorCount: 1,
  catalogued: true,
};

/** Sources whose model core copies into the project, or trains at build time; others are fetched at start-up. */
const COPIED = 'local';
const SAMPLE = 'sample';

/** Whether a source's model reaches the container at start-up (a hub id, an S3 prefix, any third-party source). */
export function isRuntimeSource(source: string): boolean {
  return source !== COPIED && source !== SAMPLE;
}

/**
 * The formats core would pair with a model from `source`, as `mcc generate` does: every format that
 * takes the source; for a model fetched at start-up, the directory ones (core's pick when the user
 * names none), or all of them when the server has no directory format for it (the user names one).
 */
export function formatsFor(formats: readonly ModelFormat[], source: string): ModelFormat[] {
  const taking = formats.filter((f) => f.sources === undefined || f.sources.includes(source));
  if (!isRuntimeSource(source)) return taking;
  const directories = taking.filter((f) => f.layout === 'directory');
  return directories.length > 0 ? directories : taking;
}

/**
 * The model as core resolves it for a source and format, with the plainest values that source
 * produces: a local file under `/models`, a Hub id seen offline, an S3 prefix, or `<source>://model`
 * for a source mcc does not ship. The file name follows core's rule (`model` plus the extension).
 */
export function testModel(source: string, format: ModelFormat): ProjectModel {
  const fileName = format.layout === 'file' ? `model${format.extensions[0] ?? ''}` : 'model';
  if (source === COPIED) {
    return {
      source,
      sample: false,
      delivery: 'copy',
      location: `/models/${fileName}`,
      isDirectory: format.layout === 'directory',
      sizeBytes: 1024 * 1024,
      format: format.id,
      fileName,
    };
  }
  if (source === 'huggingface') {
    const id = 'example-org/example-model';
    return {
      source,
      sample: false,
      delivery: 'runtime',
      location: id,
      hub: { id, revision: 'main', gated: false },
      format: format.id,
      fileName: 'model',
    };
  }
  if (source === 's3') {
    const uri = 's3://example-bucket/models/example/';
    return {
      source,
      sample: false,
      delivery: 'runtime',
      location: uri,
      s3: { uri, bucket: 'example-bucket', prefix: 'models/example/' },
      format: format.id,
      fileName: 'model',
    };
  }
  return {
    source,
    sample: false,
    delivery: 'runtime',
    location: `${source}://model`,
    format: format.id,
    fileName: 'model',
  };
}

/** The server's built-in sample model, as core resolves the `sample` source. */
export function testSampleModel(sample: { format: string; fileName: string }): ProjectModel {
  return {
    source: SAMPLE,
    sample: true,
    delivery: 'train',
    format: sample.format,
    fileName: sample.fileName,
  };
}

/** What a test project is made of; everything else takes a plain default. */
export interface TestProjectParts {
  model: ProjectModel;
  server: { id: string; http?: string; baseImage: string; options: OptionValues };
  target?: ProjectInput['target'];
  instance?: ProjectInstance;
  region?: string;
  name?: string;
}

/**
 * A ProjectInput as core builds it after resolving every setting, for plugin tests and the
 * conformance checks. Names are lower case (core derives `imageName` by lower-casing the name).
 */
export function testProjectInput(parts: TestProjectParts): ProjectInput {
  const name = parts.name ?? 'conformance';
  return {
    project: { name, imageName: name.toLowerCase(), version: '0.1.0' },
    generator: { name: 'mcc', version: '0.0.0-conformance' },
    model: parts.model,
    server: {
      id: parts.server.id,
      ...(parts.server.http === undefined ? {} : { http: parts.server.http }),
      baseImage: parts.server.baseImage,
      options: parts.server.options,
    },
    target: parts.target ?? { id: 'managed-inference', options: {} },
    instance: parts.instance ?? CPU_TEST_INSTANCE,
    region: parts.region ?? 'us-east-1',
  };
}
