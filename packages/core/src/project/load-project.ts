import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { McError, usageError } from '@mcc/sdk';
import type {
  GeneratedProject,
  HubModel,
  OptionValues,
  ProjectInput,
  ProjectInstance,
  S3Model,
} from '@mcc/sdk';

/** The project manifest `mcc generate` writes; the verbs read it back. */
export const MANIFEST_FILE = 'mcc.json';
const SCHEMA = 1;

interface Manifest {
  mcc: { generator: string; version: string; schema: number };
  project: ProjectInput['project'];
  settings: Record<string, unknown>;
  options: { server: OptionValues; target: OptionValues };
  model: {
    source: string;
    format: string;
    fileName: string;
    delivery: 'copy' | 'train' | 'runtime';
    sizeBytes?: number;
    location?: string;
    hub?: HubModel;
    s3?: S3Model;
  };
  instance: ProjectInstance;
  /** Present when the target declared a request limit at generation. */
  target?: { maxPayloadBytes?: number; requestTimeoutSeconds?: number };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function broken(path: string, what: string): McError {
  return new McError(`${path} is not a project manifest mcc can read: ${what}.`, {
    code: 'PROJECT_MANIFEST_INVALID',
    suggestions: ['Regenerate the project with `mcc generate`, or restore mcc.json from version control.'],
  });
}

function text(record: Record<string, unknown>, key: string, path: string, where: string): string {
  const value = record[key];
  if (typeof value !== 'string' || value === '') throw broken(path, `${where}.${key} is missing`);
  return value;
}

/**
 * The generated project in `dir` (default: the current folder), read from its mcc.json back into the
 * input it was generated from, so a target's verbs derive the same names its templates used.
 */
export function loadProject(dir = '.'): GeneratedProject {
  const root = resolve(dir);
  const path = join(root, MANIFEST_FILE);
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw usageError('PROJECT_NOT_FOUND', `${root} is not an mcc project: it has no ${MANIFEST_FILE}.`, [
        'Run this command inside a folder `mcc generate` created, or pass --project-dir DIR.',
      ]);
    }
    throw broken(path, `it cannot be read (${(error as Error).message})`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(raw);
  } catch (error) {
    throw broken(path, `it is not JSON (${(error as Error).message})`);
  }
  if (!isObject(doc) || !isObject(doc.mcc) || !isObject(doc.project) || !isObject(doc.settings)) {
    throw broken(path, 'the mcc, project or settings section is missing');
  }
  if (doc.mcc.schema !== SCHEMA) {
    throw broken(path, `its schema is ${String(doc.mcc.schema)}, and this mcc reads schema ${SCHEMA}`);
  }
  const m = doc as unknown as Manifest;
  if (!isObject(m.model) || !isObject(m.instance) || !isObject(m.options)) {
    throw broken(path, 'the model, instance or options section is missing');
  }
  const settings = m.settings;
  const input: ProjectInput = {
    project: {
      name: text(doc.project, 'name', path, 'project'),
      imageName: text(doc.project, 'imageName', path, 'project'),
      version: text(doc.project, 'version', path, 'project'),
    },
    generator: { name: m.mcc.generator, version: m.mcc.version },
    model: {
      source: m.model.source,
      format: m.model.format,
      fileName: m.model.fileName,
      delivery: m.model.delivery,
      sample: m.model.delivery === 'train',
      ...(m.model.sizeBytes === undefined ? {} : { sizeBytes: m.model.sizeBytes }),
      ...(typeof m.model.location === 'string' ? { location: m.model.location } : {}),
      ...(isObject(m.model.hub) && typeof m.model.hub.id === 'string' ? { hub: m.model.hub } : {}),
      ...(isObject(m.model.s3) && typeof m.model.s3.uri === 'string' ? { s3: m.model.s3 } : {}),
    },
    server: {
      id: text(settings, 'server', path, 'settings'),
      ...(typeof settings.http === 'string' ? { http: settings.http } : {}),
      baseImage: text(settings, 'baseImage', path, 'settings'),
      options: m.options.server ?? {},
    },
    target: {
      id: text(settings, 'target', path, 'settings'),
      options: m.options.target ?? {},
      ...targetLimitsOf(m, path),
    },
    instance: instanceOf(m.instance, path),
    region: text(settings, 'region', path, 'settings'),
  };
  return { dir: root, input };
}

const positive = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0;

/** The target's request limits as recorded, so the verbs see the limits the templates were given. */
function targetLimitsOf(
  m: Manifest,
  path: string,
): { maxPayloadBytes?: number; requestTimeoutSeconds?: number } {
  if (m.target === undefined) return {};
  const limits: { maxPayloadBytes?: number; requestTimeoutSeconds?: number } = {};
  for (const key of ['maxPayloadBytes', 'requestTimeoutSeconds'] as const) {
    const value: unknown = isObject(m.target) ? m.target[key] : m.target;
    if (value === undefined) continue;
    if (!(positive(value) && Number.isInteger(value))) {
      throw broken(path, `target.${key} is ${JSON.stringify(value)}, not a positive whole number`);
    }
    limits[key] = value;
  }
  return limits;
}

/** The instance section, checked where the verbs do arithmetic on it. */
function instanceOf(instance: ProjectInstance, path: string): ProjectInstance {
  if (typeof instance.instanceType !== 'string' || !positive(instance.vcpu)) {
    throw broken(path, 'the instance section needs an instanceType and a positive vcpu count');
  }
  if (instance.memoryGiB !== undefined && !positive(instance.memoryGiB)) {
    throw broken(path, `instance.memoryGiB is ${JSON.stringify(instance.memoryGiB)}, not a positive number`);
  }
  const sizing: unknown = instance.sizing;
  if (sizing !== undefined) {
    const figures = ['hostMemoryBytes', 'acceleratorMemoryBytes', 'tensorParallelDegree'] as const;
    const valid =
      isObject(sizing) &&
      figures.some((key) => sizing[key] !== undefined) &&
      figures.every((key) => sizing[key] === undefined || positive(sizing[key]));
    if (!valid) {
      throw broken(
        path,
        'instance.sizing needs a positive hostMemoryBytes, acceleratorMemoryBytes or tensorParallelDegree (or remove it)',
      );
    }
    // What the KV cache was sized for: whole numbers of tokens and sequences.
    for (const key of ['maxModelLen', 'concurrency'] as const) {
      const value = sizing[key];
      if (value !== undefined && !(positive(value) && Number.isInteger(value))) {
        throw broken(path, `instance.sizing.${key} is ${JSON.stringify(value)}, not a positive whole number`);
      }
    }
  }
  return instance;
}
