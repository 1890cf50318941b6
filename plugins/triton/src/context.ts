import { listOf, usageError } from '@mcc/sdk';
import type { OptionValues, ProjectInput } from '@mcc/sdk';

import { ARTIFACT_NAMES, FIL_MODEL_TYPES } from './artifacts.js';
import { BACKENDS, BACKEND_FACTS, backendForFormat, backendOfChoices, isBackend } from './backends.js';
import type { Backend } from './backends.js';
import { GENERATE_REQUESTS } from './generate-request.js';
import type { GenerateRequestShape } from './generate-request.js';
import { TRITON_IMAGES, isPinnedImage } from './images.js';
import { llmSettings, trtllmModelYaml, vllmModelJson } from './llm-settings.js';
import { modelConfigMessage } from './model-config.js';
import type { InstanceKind, ModelConfigPlan } from './model-config.js';
import { toPbtxt } from './pbtxt.js';
import { samplePayload } from './sample-payload.js';
import { SAMPLE_FEATURES, TRAIN_IMAGE, pythonBackendRequirements, trainRequirements } from './sample.js';
import { tensorsFor } from './tensors.js';

/** The model's name in the repository, and so in SAGEMAKER_TRITON_DEFAULT_MODEL_NAME. */
export const MODEL_NAME = 'model';

const CODE_DIR = '/opt/program';
/** Where SageMaker copies model data (an S3 model), and where the baked backends' repository lives. */
const MODEL_DIR = '/opt/ml/model';
/**
 * The LLM backends' repository: SageMaker copies an S3 model into /opt/ml/model, which would hide
 * a repository baked there, so theirs lives with the code whatever the model's source.
 */
const LLM_REPOSITORY_DIR = `${CODE_DIR}/model_repository`;
/** nginx waits this long for an answer from Triton (generation is slow; SageMaker has its own limit). */
const REQUEST_TIMEOUT_SECONDS = 600;

/** What the triton templates read under `ctx`. */
export interface TritonContext {
  backend: Backend;
  backendTitle: string;
  modelName: string;
  plan: ModelConfigPlan;
  /** config.pbtxt, rendered from `plan`. */
  configPbtxt: string;
  /** The model's file or directory in `<model>/1/`; null when the backend needs none (LLMs). */
  artifactName: string | null;
  /** The user's model as mcc copied it into the project's `model/` folder; null for sample and Hub. */
  copiedModel: string | null;
  sample: boolean;
  sampleKind: 'xgboost' | 'sklearn' | null;
  sampleScript: string;
  sampleFeatures: readonly string[];
  /** tests/payloads/abalone.json: a KServe v2 request of five sample rows; null without the sample. */
  samplePayload: string | null;
  trainImage: string;
  trainRequirements: readonly string[];
  /** pip lines installed into the Triton image (the Python backend's scikit-learn). */
  runtimeRequirements: readonly string[];
  /** The generated `<model>/1/model.py` (Python backend). */
  pythonModel: boolean;
  /** vLLM's `<model>/1/model.json`, or null. */
  modelJson: string | null;
  /** TensorRT-LLM's `<model>/1/model.yaml`, or null. */
  modelYaml: string | null;
  llm: boolean;
  /** The Hub model the engine downloads at start-up; null for an S3 model. */
  hubId: string | null;
  /** The S3 prefix SageMaker copies into `modelDir` before start-up; null otherwise. */
  s3Uri: string | null;
  /** What the engine loads (model.json's or model.yaml's `model`): the Hub id or `modelDir`. */
  engineModel: string | null;
  gated: boolean;
  gpu: boolean;
  tritonRelease: string;
  cuda: string;
  baseImage: string;
  /** Backends that run Python stubs get a larger shared-memory pool (tensors cross it). */
  pythonStub: boolean;
  codeDir: string;
  /** Where SageMaker puts model data (SM_MODEL_DIR). */
  modelDir: string;
  /** Where the model repository is in the image: `modelDir` when baked, under `codeDir` for LLMs. */
  repositoryDir: string;
  /**
   * LLM backends: Triton's HTTP endpoint on loopback behind nginx, which maps SageMaker's routes
   * onto these (Triton's SageMaker front end does not serve decoupled models).
   */
  healthRoute: string;
  generateRoute: string;
  /** How code/adapter.py writes the generate request; null for the other backends. */
  generateRequest: GenerateRequestShape | null;
  requestTimeoutSeconds: number;
  /** The sample request of an LLM backend (TGI-style), or null. */
  payloadFile: string | null;
  port: number;
}

function chooseBackend(input: ProjectInput): Backend {
  const given = input.server.options.backend;
  if (typeof given === 'string') {
    if (!isBackend(given)) {
      throw usageError(
        'OPTION_INVALID',
        `backend "${given}" is not a Triton backend mcc knows; use ${listOf(BACKENDS)}.`,
      );
    }
    return given;
  }
  const derived = backendOfChoices({ options: input.server.options, model: input.model });
  if (!derived) {
    throw usageError(
      'MODEL_FORMAT_UNSUPPORTED',
      `The triton server has no backend for model format "${input.model.format}".`,
      [`Pass --option backend=… (${listOf(BACKENDS)}).`],
    );
  }
  return derived;
}

function modelLabel(input: ProjectInput): string {
  const where = input.model.location ?? input.model.fileName;
  return input.model.delivery === 'runtime' ? `the ${input.model.source} model ${where}` : `model ${where}`;
}

function checkModelFits(input: ProjectInput, backend: Backend): void {
  const facts = BACKEND_FACTS[backend];
  if (input.model.sample) {
    if (!facts.sample) {
      const withSample = BACKENDS.filter((b) => BACKEND_FACTS[b].sample);
      throw usageError(
        'SAMPLE_NOT_AVAILABLE',
        `The ${backend} backend has no built-in sample model: only ${listOf(withSample)} can be trained on a CPU at image build time.`,
        [
          `Pass --option backend=${withSample.join(' or --option backend=')}, or give your own model with --model.`,
        ],
      );
    }
    return;
  }
  if (input.model.source === 's3' && !facts.llm) {
    const llms = BACKENDS.filter((b) => BACKEND_FACTS[b].llm);
    throw usageError(
      'MODEL_SOURCE_UNSUPPORTED',
      `The ${backend} backend cannot serve ${modelLabel(input)}: only ${listOf(llms)} read a model from S3; ${backend} serves a model file baked into the image.`,
      [
        'Download the model and pass its path with --model,',
        `or pass --option backend=${llms.join(' or --option backend=')} for a Hugging Face model on S3.`,
      ],
    );
  }
  if (!facts.formats.includes(input.model.format)) {
    const serving = backendForFormat(input.model.format);
    throw usageError(
      'MODEL_BACKEND_MISMATCH',
      `The ${backend} backend cannot serve ${modelLabel(input)}: it is a ${input.model.format} model, and ${backend} takes ${listOf([...facts.formats])}.`,
      [
        serving
          ? `Pass --option backend=${serving}, which serves ${input.model.format} models.`
          : 'Choose another backend.',
        ...(facts.llm
          ? [
              'The LLM backends serve Hub models (--model-source huggingface --model org/name) and Hugging Face models on S3 (--model-source s3 --model s3://bucket/prefix/).',
            ]
          : []),
      ],
    );
  }
  if (facts.llm !== (input.model.delivery === 'runtime')) {
    throw usageError(
      'MODEL_BACKEND_MISMATCH',
      facts.llm
        ? `The ${backend} backend serves a Hugging Face model from the Hub or S3, fetched at start-up, not ${modelLabel(input)}.`
        : `The ${backend} backend serves a model file baked into the image, not ${modelLabel(input)} fetched at start-up.`,
      [
        facts.llm
          ? 'Pass --model-source huggingface --model org/name.'
          : 'Download the model and pass its path with --model.',
      ],
    );
  }
}

function integer(options: OptionValues, key: string): number | undefined {
  const value = options[key];
  return typeof value === 'number' ? value : undefined;
}

function maxBatchSize(options: OptionValues, backend: Backend): number {
  const facts = BACKEND_FACTS[backend];
  const given = integer(options, 'max-batch-size');
  if (facts.llm && given !== undefined && given !== 0) {
    throw usageError(
      'OPTION_INVALID',
      `max-batch-size ${given} does not fit the ${backend} backend: it batches inside the engine and requires max_batch_size 0.`,
      ['Drop --option max-batch-size.'],
    );
  }
  return given ?? facts.defaultMaxBatchSize;
}

/** A quarter, a half and all of max_batch_size: batches the batcher forms without waiting long. */
function defaultPreferred(max: number): number[] {
  return [...new Set([Math.floor(max / 4), Math.floor(max / 2), max])].filter((size) => size >= 1);
}

function dynamicBatching(options: OptionValues, max: number): ModelConfigPlan['dynamicBatching'] {
  const enabled = options['dynamic-batching'] !== false;
  const preferredOption = options['preferred-batch-sizes'];
  if (max === 0) {
    // The default `dynamic-batching=true` is moot without batching; explicit sizes are a mistake.
    if (preferredOption !== undefined) {
      throw usageError(
        'OPTION_INVALID',
        'preferred-batch-sizes needs max_batch_size above 0: with max_batch_size 0 Triton does not batch.',
        ['Pass --option max-batch-size=N, or drop --option preferred-batch-sizes.'],
      );
    }
    return undefined;
  }
  if (!enabled) return undefined;
  const preferred =
    typeof preferredOption === 'string' ? preferredOption.split(',').map(Number) : defaultPreferred(max);
  const tooLarge = preferred.filter((size) => size < 1 || size > max);
  if (tooLarge.length > 0) {
    throw usageError(
      'OPTION_INVALID',
      `preferred-batch-sizes ${tooLarge.join(', ')} must lie between 1 and max_batch_size ${max}.`,
    );
  }
  return {
    preferredBatchSizes: [...new Set(preferred)].sort((a, b) => a - b),
    maxQueueDelayUs: integer(options, 'max-queue-delay-us') ?? 100,
  };
}

function instanceKind(input: ProjectInput, backend: Backend): InstanceKind {
  const gpu = input.instance.acceleratorCount > 0;
  const kind = input.server.options['instance-kind'] ?? 'auto';
  if (BACKEND_FACTS[backend].llm) {
    if (!gpu) {
      throw usageError(
        'INSTANCE_NEEDS_GPU',
        `The ${backend} backend needs a GPU, and ${input.instance.instanceType} has none.`,
        ['Pass --instance-type with a GPU instance such as ml.g5.2xlarge.'],
      );
    }
    // The engine places the model on the GPUs it is given (tensor parallelism), not Triton.
    return 'KIND_MODEL';
  }
  if (kind === 'gpu') {
    if (!gpu) {
      throw usageError(
        'INSTANCE_NEEDS_GPU',
        `instance-kind gpu needs a GPU, and ${input.instance.instanceType} has none.`,
        ['Pass --option instance-kind=auto, or a GPU --instance-type.'],
      );
    }
    return 'KIND_GPU';
  }
  // The generated model.py predicts with scikit-learn, which runs on the CPU only.
  if (kind === 'cpu' || backend === 'python') return 'KIND_CPU';
  return gpu ? 'KIND_GPU' : 'KIND_CPU';
}

function plan(input: ProjectInput, backend: Backend): ModelConfigPlan {
  const { options } = input.server;
  const max = maxBatchSize(options, backend);
  const batching = dynamicBatching(options, max);
  const parameters: Record<string, string> = {};
  if (backend === 'fil') {
    parameters.model_type = FIL_MODEL_TYPES[input.model.sample ? 'xgboost-json' : input.model.format]!;
    parameters.output_class = options['fil-output-class'] === true ? 'true' : 'false';
  }
  return {
    name: MODEL_NAME,
    backend,
    maxBatchSize: max,
    ...(batching ? { dynamicBatching: batching } : {}),
    instance: { count: integer(options, 'instance-count') ?? 1, kind: instanceKind(input, backend) },
    ...tensorsFor(backend, options, input.model.sample),
    parameters,
    decoupled: BACKEND_FACTS[backend].llm,
  };
}

function artifactName(input: ProjectInput, backend: Backend): string | null {
  if (BACKEND_FACTS[backend].llm) return null;
  if (input.model.sample)
    return backend === 'fil' ? ARTIFACT_NAMES['xgboost-json']! : ARTIFACT_NAMES.sklearn!;
  return ARTIFACT_NAMES[input.model.format] ?? null;
}

/** The family's pinned image unless the user chose another with --base-image. */
function baseImage(input: ProjectInput, backend: Backend): string {
  const own = TRITON_IMAGES[BACKEND_FACTS[backend].family];
  return isPinnedImage(input.server.baseImage) ? own.image : input.server.baseImage;
}

/**
 * The typed context of the triton templates. Pure: it reads only the resolved input. Throws usage
 * errors naming the value for a backend that does not fit the model, the instance or the options.
 */
export function tritonContext(input: ProjectInput): TritonContext {
  const backend = chooseBackend(input);
  checkModelFits(input, backend);
  const facts = BACKEND_FACTS[backend];
  const resolved = plan(input, backend);
  const sample = input.model.sample;
  const sampleKind = sample ? (backend === 'fil' ? 'xgboost' : 'sklearn') : null;
  const settings = facts.llm ? llmSettings(input, MODEL_DIR) : null;
  const s3 = input.model.source === 's3';
  const image = TRITON_IMAGES[facts.family];
  return {
    backend,
    backendTitle: facts.title,
    modelName: MODEL_NAME,
    plan: resolved,
    configPbtxt: toPbtxt(modelConfigMessage(resolved)),
    artifactName: artifactName(input, backend),
    copiedModel: input.model.delivery === 'copy' ? input.model.fileName : null,
    sample,
    sampleKind,
    sampleScript: 'sample/train.py',
    sampleFeatures: SAMPLE_FEATURES,
    samplePayload: sample ? samplePayload(resolved.inputs[0]?.name ?? 'input__0') : null,
    trainImage: TRAIN_IMAGE,
    trainRequirements: sampleKind ? trainRequirements(sampleKind) : [],
    runtimeRequirements: backend === 'python' ? pythonBackendRequirements() : [],
    pythonModel: backend === 'python',
    modelJson: backend === 'vllm' && settings ? vllmModelJson(settings) : null,
    modelYaml: backend === 'tensorrtllm' && settings ? trtllmModelYaml(settings, resolved.decoupled) : null,
    llm: facts.llm,
    hubId: settings && !s3 ? settings.model : null,
    s3Uri: s3 ? (input.model.s3?.uri ?? input.model.location ?? null) : null,
    engineModel: settings?.model ?? null,
    gated: !s3 && (input.model.hub?.gated ?? false),
    gpu: input.instance.acceleratorCount > 0,
    tritonRelease: image.release,
    cuda: image.cuda,
    baseImage: baseImage(input, backend),
    pythonStub: backend === 'python' || facts.llm,
    codeDir: CODE_DIR,
    modelDir: MODEL_DIR,
    repositoryDir: facts.llm ? LLM_REPOSITORY_DIR : MODEL_DIR,
    healthRoute: '/v2/health/ready',
    generateRoute: `/v2/models/${MODEL_NAME}/generate`,
    generateRequest: backend === 'vllm' || backend === 'tensorrtllm' ? GENERATE_REQUESTS[backend] : null,
    requestTimeoutSeconds: REQUEST_TIMEOUT_SECONDS,
    payloadFile: facts.llm ? 'tests/payloads/generate.json' : null,
    port: 8080,
  };
}
