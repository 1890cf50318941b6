import { listOf, usageError } from '../errors.js';
import type { OptionValue } from '../options.js';
import { nginxSize, payloadLimit, requestTimeout, sizeInWords } from '../payload-limit.js';
import type { ProjectInput } from '../project.js';
import type { SamplePayload } from '../server.js';
import { HTTP_DEBIAN_PACKAGES, HTTP_LAYERS, HTTP_STACKS, isHttpLayer } from './http.js';
import type { HttpLayer } from './http.js';
import { DEFAULT_TIMEOUT_SECONDS } from './options.js';
import type { FrameworkParts } from './spec.js';
import { PREDICTIVE_PINS, httpRequirements } from './versions.js';
import { defaultWorkers, threadsPerWorker } from './workers.js';

/**
 * SageMaker's real-time payload limit; nginx and the app both refuse larger bodies with 413. A
 * target with a smaller limit (serverless) lowers it through `input.target.maxPayloadBytes`.
 */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;

/** Default of `MCC_MAX_BATCH_ROWS`: rows one prediction call may stack from concurrent requests. */
export const MAX_BATCH_ROWS = 512;

/** What the shared predictive templates read under `ctx`. */
export interface PredictiveContext {
  /** The framework in words: `scikit-learn`. */
  framework: string;
  http: HttpLayer;
  /** The HTTP layer in words: `Flask on gevent`. */
  httpStack: string;
  /** Default of `MCC_WORKERS`: the `workers` option, or one per vCPU that memory allows. */
  workers: number;
  /** True when `workers` was derived from the instance (option `workers=0`). */
  workersPerVcpu: boolean;
  /** OpenMP/BLAS threads per worker on the sized instance (vCPUs ÷ workers), for the README. */
  threadsPerWorker: number;
  /** Default of `MCC_TIMEOUT`: seconds one request may take. */
  timeoutSeconds: number;
  /** Default of `MCC_MAX_BATCH_ROWS`. */
  maxBatchRows: number;
  /** Every requirements.txt line: the framework's, then numpy and the HTTP layer's pins. */
  requirements: readonly string[];
  /** apt packages the image installs: nginx and the framework's. */
  aptPackages: readonly string[];
  /** Debian/Ubuntu packages that run `code/serve` and the tests outside a container. */
  debianPackages: readonly string[];
  /** The model's file (or directory) name under the model directory, e.g. `model.joblib`. */
  modelFileName: string;
  modelFormat: string;
  /** True for the built-in sample: trained at image build time instead of copied from `model/`. */
  sample: boolean;
  /** The sample's training script, run as `python3 <script> MODEL_DIR`. */
  sampleScript: string;
  /** Payload files of the sample (empty for a user's model, whose features mcc cannot know). */
  samplePayloads: readonly SamplePayload[];
  /** The base image, already checked to be a plain image reference (safe in a Dockerfile). */
  baseImage: string;
  /** Where the code and the model live inside the image. */
  codeDir: string;
  modelDir: string;
  port: number;
  /** The largest request body: {@link MAX_BODY_BYTES}, or the target's limit when it declares one. */
  maxBodyBytes: number;
  /** `maxBodyBytes` in nginx's size syntax (`6m`), for `client_max_body_size`. */
  maxBodyNginx: string;
  /** `maxBodyBytes` in words (`6 MB`), for the 413 message and the README. */
  maxBodyWords: string;
  /** True when the target lowered the limit below SageMaker's real-time one. */
  maxBodyFromTarget: boolean;
  /** True when the target raised it (asynchronous inference's 1 GB). */
  maxBodyAboveRealTime: boolean;
  /** nginx's in-memory body buffer: the whole body up to a real-time one's size, larger ones spill to disk. */
  bodyBufferNginx: string;
}

/** What the shared context needs from the server besides the project input. */
export interface PredictiveContextOptions {
  serverId: string;
  framework: string;
  memoryPerModelByte: number;
  samplePayloads: readonly SamplePayload[];
}

/** Registry, repository, tag and digest characters only: no spaces, quotes or variables. */
const IMAGE_REFERENCE = /^[a-z0-9][a-z0-9._\-/:]*(@sha256:[a-f0-9]{64})?$/i;

function integerOption(value: OptionValue | undefined, fallback: number): number {
  const number = typeof value === 'number' ? value : Number(value ?? fallback);
  return Number.isInteger(number) ? number : fallback;
}

function checkInput(input: ProjectInput, serverId: string): HttpLayer {
  const http = input.server.http ?? 'flask';
  if (!isHttpLayer(http)) {
    throw usageError(
      'HTTP_LAYER_UNSUPPORTED',
      `The ${serverId} server has no HTTP layer "${http}"; it offers ${listOf(HTTP_LAYERS)}.`,
      ['Pass --http flask or --http fastapi.'],
    );
  }
  if (input.model.delivery === 'runtime') {
    throw usageError(
      'MODEL_SOURCE_UNSUPPORTED',
      `The ${serverId} server cannot fetch a model at start-up (model source "${input.model.source}"); it takes local or sample.`,
      ['Download the model and pass its path with --model.'],
    );
  }
  if (!IMAGE_REFERENCE.test(input.server.baseImage)) {
    throw usageError(
      'BASE_IMAGE_INVALID',
      `"${input.server.baseImage}" is not an image reference such as registry/repository:tag.`,
    );
  }
  return http;
}

/**
 * The shared part of a predictive server's context, from the project input and the framework's
 * parts. Pure. Throws usage errors naming the value for an HTTP layer, model source or base image
 * the predictive servers do not take.
 */
export function predictiveContext(
  input: ProjectInput,
  parts: FrameworkParts,
  options: PredictiveContextOptions,
): PredictiveContext {
  const http = checkInput(input, options.serverId);
  const workersOption = integerOption(input.server.options.workers, 0);
  const workersPerVcpu = workersOption <= 0;
  const workers = workersPerVcpu ? defaultWorkers(input, options.memoryPerModelByte) : workersOption;
  const sample = input.model.sample;
  const maxBodyBytes = payloadLimit(input, MAX_BODY_BYTES);
  return {
    framework: options.framework,
    http,
    httpStack: HTTP_STACKS[http],
    workers,
    workersPerVcpu,
    threadsPerWorker: threadsPerWorker(input.instance.vcpu, workers),
    timeoutSeconds: requestTimeout(
      input,
      input.server.options.timeout === undefined
        ? undefined
        : integerOption(input.server.options.timeout, NaN),
      DEFAULT_TIMEOUT_SECONDS,
    ),
    maxBatchRows: MAX_BATCH_ROWS,
    requirements: [...parts.pip, `numpy==${parts.numpy ?? PREDICTIVE_PINS.numpy}`, ...httpRequirements(http)],
    aptPackages: ['nginx', ...(parts.apt ?? [])],
    debianPackages: [
      ...parts.debian,
      'python3-numpy',
      ...HTTP_DEBIAN_PACKAGES[http],
      'nginx',
      'python3-pytest',
    ],
    modelFileName: input.model.fileName,
    modelFormat: input.model.format,
    sample,
    sampleScript: parts.sampleScript ?? 'sample/train.py',
    samplePayloads: sample ? options.samplePayloads : [],
    baseImage: input.server.baseImage,
    codeDir: '/opt/program',
    modelDir: '/opt/ml/model',
    port: 8080,
    maxBodyBytes,
    maxBodyNginx: nginxSize(maxBodyBytes),
    maxBodyWords: sizeInWords(maxBodyBytes),
    maxBodyFromTarget: maxBodyBytes < MAX_BODY_BYTES,
    maxBodyAboveRealTime: maxBodyBytes > MAX_BODY_BYTES,
    // Bodies above a real-time one go to a temp file, not memory: a 1 GB request must not need 1 GB of RAM in nginx.
    bodyBufferNginx: nginxSize(Math.min(maxBodyBytes, MAX_BODY_BYTES)),
  };
}
