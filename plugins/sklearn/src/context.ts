import { listOf, usageError } from '@mcc/sdk';
import type { OptionValue, ProjectInput } from '@mcc/sdk';

import { DEFAULT_SKLEARN_VERSION, SKLEARN_VERSION_PATTERN } from './options.js';
import { PINNED, numpyFor } from './versions.js';
import { defaultWorkers } from './workers.js';

export const HTTP_LAYERS = ['flask', 'fastapi'] as const;
export type HttpLayer = (typeof HTTP_LAYERS)[number];

const HTTP_STACKS: Record<HttpLayer, string> = { flask: 'Flask on gunicorn', fastapi: 'FastAPI on uvicorn' };

const HTTP_PACKAGES: Record<HttpLayer, readonly string[]> = {
  flask: ['python3-flask', 'gunicorn'],
  fastapi: ['python3-fastapi', 'python3-uvicorn'],
};

/** SageMaker's real-time payload limit; nginx and the app both refuse larger bodies with 413. */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;

/** What the sklearn templates read under `ctx`. */
export interface SklearnContext {
  http: HttpLayer;
  /** The HTTP layer in words, for comments and the README: `Flask on gunicorn`. */
  httpStack: string;
  /** Default of `MCC_WORKERS` in the image: the `workers` option, or one per vCPU that memory allows. */
  workers: number;
  /** True when `workers` was derived from the instance (option `workers=0`). */
  workersPerVcpu: boolean;
  /** Default of `MCC_TIMEOUT`: seconds one request may take. */
  timeoutSeconds: number;
  /** Pinned versions for requirements.txt; `sklearn` follows the `sklearn-version` option. */
  versions: {
    sklearn: string;
    numpy: string;
    scipy: string;
    joblib: string;
    /** Installed for local models only: those fitted on a DataFrame need one to predict. */
    pandas: string;
    flask: string;
    gunicorn: string;
    fastapi: string;
    uvicorn: string;
  };
  /** Debian/Ubuntu packages that run `code/serve` and the tests outside a container. */
  debianPackages: readonly string[];
  /** The model's file name under the model directory, e.g. `model.joblib`. */
  modelFileName: string;
  modelFormat: string;
  /** True for the built-in sample: trained at image build time instead of copied from `model/`. */
  sample: boolean;
  /** The base image, already checked to be a plain image reference (safe in a Dockerfile). */
  baseImage: string;
  /** Where the code and the model live inside the image. */
  codeDir: string;
  modelDir: string;
  port: number;
  maxBodyBytes: number;
}

function integerOption(value: OptionValue | undefined, fallback: number): number {
  const number = typeof value === 'number' ? value : Number(value ?? fallback);
  return Number.isInteger(number) ? number : fallback;
}

/** Registry, repository, tag and digest characters only: no spaces, quotes or variables. */
const IMAGE_REFERENCE = /^[a-z0-9][a-z0-9._\-/:]*(@sha256:[a-f0-9]{64})?$/i;

/** The typed context for the sklearn templates. Pure: it reads only the resolved input. */
export function sklearnContext(input: ProjectInput): SklearnContext {
  const http = input.server.http ?? 'flask';
  if (!(HTTP_LAYERS as readonly string[]).includes(http)) {
    throw usageError(
      'HTTP_LAYER_UNSUPPORTED',
      `The sklearn server has no HTTP layer "${http}"; it offers ${listOf(HTTP_LAYERS)}.`,
      ['Pass --http flask or --http fastapi.'],
    );
  }
  if (input.model.delivery === 'runtime') {
    throw usageError(
      'MODEL_SOURCE_UNSUPPORTED',
      `The sklearn server cannot fetch a model at start-up (model source "${input.model.source}"); it takes local or sample.`,
      ['Download the model file and pass its path with --model.'],
    );
  }
  if (!IMAGE_REFERENCE.test(input.server.baseImage)) {
    throw usageError(
      'BASE_IMAGE_INVALID',
      `"${input.server.baseImage}" is not an image reference such as registry/repository:tag.`,
    );
  }
  const sklearn = String(input.server.options['sklearn-version'] ?? DEFAULT_SKLEARN_VERSION);
  if (!SKLEARN_VERSION_PATTERN.test(sklearn)) {
    throw usageError(
      'OPTION_INVALID',
      `sklearn-version "${sklearn}" is not a release number such as ${DEFAULT_SKLEARN_VERSION}.`,
    );
  }
  const workersOption = integerOption(input.server.options.workers, 0);
  const workersPerVcpu = workersOption <= 0;
  return {
    http: http as HttpLayer,
    httpStack: HTTP_STACKS[http as HttpLayer],
    workers: workersPerVcpu ? defaultWorkers(input) : workersOption,
    workersPerVcpu,
    timeoutSeconds: integerOption(input.server.options.timeout, 60),
    versions: { ...PINNED, sklearn, numpy: numpyFor(sklearn) },
    debianPackages: [
      'python3-sklearn',
      'python3-joblib',
      ...HTTP_PACKAGES[http as HttpLayer],
      'nginx',
      'python3-pytest',
    ],
    modelFileName: input.model.fileName,
    modelFormat: input.model.format,
    sample: input.model.sample,
    baseImage: input.server.baseImage,
    codeDir: '/opt/program',
    modelDir: '/opt/ml/model',
    port: 8080,
    maxBodyBytes: MAX_BODY_BYTES,
  };
}
