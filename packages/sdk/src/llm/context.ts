import { usageError } from '../errors.js';
import type { OptionValue } from '../options.js';
import type { ProjectInput } from '../project.js';
import type { LlmEngine, LlmSetting } from './engine.js';
import { LLM_OPTION_KEYS, isLlmDtype } from './options.js';

/** One engine setting baked into `code/serve` as a default, overridable by its environment variable. */
export interface LlmSettingValue {
  /** The mcc option it comes from: `max-model-len`. */
  option: string;
  /** The environment variable that overrides it: `VLLM_MAX_MODEL_LEN`. */
  env: string;
  /** The engine flag (`--max-model-len`), or `config:<key>` for a key of the engine's YAML config. */
  flag: string;
  /** The value; `true` is a bare flag. */
  value: string | true;
  /** Where the value came from when not from the option itself, in words: `the gpu sizer`. */
  origin?: string;
}

/** A row of the README's settings table: every shared setting the engine has, set or not. */
export interface LlmSettingRow {
  option: string;
  env: string;
  flag: string;
  /** The baked default, or undefined when the engine's own default applies. */
  value?: string;
  /** Where the baked default came from when not from the option itself, in words. */
  origin?: string;
}

/** What the shared LLM templates read under `ctx`. */
export interface LlmContext {
  /** The engine in words: `vLLM`. */
  engine: string;
  envPrefix: string;
  flagStyle: 'kebab' | 'snake';
  command: readonly string[];
  helpArgs: readonly (readonly string[])[];
  /** Null when the model is the first positional argument. */
  modelFlag: string | null;
  hostFlag: string;
  portFlag: string;
  revisionFlag: string | null;
  servedModelNameFlag: string | null;
  configFileFlag: string | null;
  listFlags: readonly string[];
  /** Settings baked into `code/serve` from the options (and the tensor-parallel default). */
  defaults: readonly LlmSettingValue[];
  /** Every shared setting of the engine, for the README. */
  settingRows: readonly LlmSettingRow[];
  tensorParallelDegree: number;
  /** Where the tensor-parallel degree came from, in words. */
  tensorParallelOrigin: string;
  /** The Hub model served when `/opt/ml/model` holds none; null for an S3 model. */
  hubId: string | null;
  /** The revision served by default: the commit the named revision pointed to when known. */
  hubRevision: string | null;
  /** The branch or tag the user named when `hubRevision` is the commit it resolved to; else null. */
  hubRevisionName: string | null;
  /** True when downloading the Hub model needs `HF_TOKEN`. */
  gated: boolean;
  /** The S3 prefix SageMaker mounts under `/opt/ml/model`, when the model comes from S3. */
  s3Uri: string | null;
  /** The name clients send as `model` (the engine's served model name). */
  servedModelName: string;
  /** True when the Hub says the tokenizer has no chat template and no `chat-template` was given. */
  chatTemplateMissing: boolean;
  loraSupported: boolean;
  /** nginx on the SageMaker port mapping `/ping` and `/invocations` onto the engine's routes. */
  proxy: boolean;
  healthRoute: string;
  completionsRoute: string;
  chatRoute: string;
  payload: 'openai-chat' | 'tgi';
  payloadFile: string;
  requestTimeoutSeconds: number;
  baseImage: string;
  codeDir: string;
  modelDir: string;
  port: number;
}

/** Registry, repository, tag and digest characters only: no spaces, quotes or variables. */
const IMAGE_REFERENCE = /^[a-z0-9][a-z0-9._\-/:]*(@sha256:[a-f0-9]{64})?$/i;

/** The model's sample request, for tests and `mcc invoke`. */
export const LLM_PAYLOAD_FILES = {
  'openai-chat': 'tests/payloads/chat.json',
  tgi: 'tests/payloads/generate.json',
} as const;

const DEFAULT_TIMEOUT_SECONDS = 600;

/** `--max-model-len` → `VLLM_MAX_MODEL_LEN`; `config:dtype` → `TRTLLM_DTYPE`. */
export function envName(prefix: string, flag: string): string {
  const bare = flag.startsWith('config:') ? flag.slice('config:'.length) : flag.replace(/^-+/, '');
  return `${prefix}${bare.replace(/[-.]/g, '_').toUpperCase()}`;
}

function optionString(value: OptionValue | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  return String(value);
}

function integer(value: OptionValue | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isInteger(number) ? number : undefined;
}

function checkInstance(input: ProjectInput, engine: LlmEngine): void {
  if (input.instance.acceleratorCount < 1) {
    throw usageError(
      'INSTANCE_NO_GPU',
      `${engine.name} needs GPUs, and ${input.instance.instanceType} has none.`,
      ['Pass a GPU instance type such as ml.g5.2xlarge or ml.g6e.xlarge, or let the sizer pick one.'],
    );
  }
  if (!IMAGE_REFERENCE.test(input.server.baseImage)) {
    throw usageError(
      'BASE_IMAGE_INVALID',
      `"${input.server.baseImage}" is not an image reference such as registry/repository:tag.`,
    );
  }
}

function tensorParallel(input: ProjectInput): { degree: number; origin: string } {
  const gpus = input.instance.acceleratorCount;
  const given = integer(input.server.options[LLM_OPTION_KEYS.tensorParallel]);
  if (given !== undefined) {
    if (given > gpus) {
      throw usageError(
        'TENSOR_PARALLEL_TOO_LARGE',
        `tensor-parallel-degree ${given} needs ${given} GPUs, and ${input.instance.instanceType} has ${gpus}.`,
        [`Pass --option tensor-parallel-degree=${gpus} or less, or a larger instance type.`],
      );
    }
    return { degree: given, origin: 'the tensor-parallel-degree option' };
  }
  const sized = input.instance.sizing?.tensorParallelDegree;
  if (sized !== undefined && sized >= 1 && sized <= gpus) {
    return { degree: sized, origin: `the ${input.instance.sizing?.sizer ?? 'GPU'} sizer` };
  }
  return { degree: gpus, origin: `every GPU of ${input.instance.instanceType}` };
}

interface HubReference {
  id: string | null;
  revision: string | null;
  revisionName: string | null;
  gated: boolean;
}

/**
 * The Hub model and the revision to serve: the commit the Hub resolved the named revision to, so a
 * redeploy serves the same weights after a branch moves on; without one, the named revision
 * (none for `main`, the engine's default).
 */
function hubModel(input: ProjectInput): HubReference {
  const { model } = input;
  if (model.source === 's3') return { id: null, revision: null, revisionName: null, gated: false };
  const id = model.hub?.id ?? (model.source === 'huggingface' ? (model.location ?? null) : null);
  const named = model.hub?.revision;
  const commit = model.hub?.commit;
  if (commit && commit !== named) {
    return { id, revision: commit, revisionName: named ?? 'main', gated: model.hub?.gated ?? false };
  }
  const revision = named && named !== 'main' ? named : null;
  return { id, revision, revisionName: null, gated: model.hub?.gated ?? false };
}

/**
 * The context length to start the engine with: the `max-model-len` option, else the one the GPU
 * sizer sized the KV cache for. Without it the engine takes the model's own limit (131072 tokens for
 * Llama 3.1), and vLLM refuses to start when the KV cache the instance has room for cannot hold one
 * such sequence. Engines without the setting are left alone.
 */
function modelLength(input: ProjectInput, engine: LlmEngine): { value: string; origin?: string } | undefined {
  const given = optionString(input.server.options[LLM_OPTION_KEYS.maxModelLen]);
  if (given !== undefined) return { value: given };
  const sizing = input.instance.sizing;
  if (sizing?.maxModelLen === undefined || engine.flags.maxModelLen === undefined) return undefined;
  return {
    value: String(sizing.maxModelLen),
    origin: `the ${sizing.sizer} sizer's context length: its KV-cache estimate holds ${sizing.concurrency ?? 1} × ${sizing.maxModelLen} tokens`,
  };
}

/**
 * The shared context of an LLM server: the engine's description, the baked defaults from the
 * options, the model and the instance. Pure. Throws usage errors naming the value for an instance
 * without GPUs, a tensor-parallel degree above its GPU count, a setting the engine does not have,
 * or a base image that is not an image reference.
 */
export function llmContext(input: ProjectInput, serverId: string, engine: LlmEngine): LlmContext {
  checkInstance(input, engine);
  const options = input.server.options;
  const tp = tensorParallel(input);
  const defaults: LlmSettingValue[] = [];
  const bake = (
    setting: LlmSetting,
    option: string,
    value: string | true | undefined,
    origin?: string,
  ): void => {
    if (value === undefined) return;
    const flag = engine.flags[setting];
    if (flag === undefined) {
      throw usageError(
        'OPTION_UNSUPPORTED',
        `The ${serverId} server has no "${option}" setting: ${engine.name} does not offer it.`,
        [`Leave out --option ${option}.`],
      );
    }
    defaults.push({
      option,
      env: envName(engine.envPrefix, flag),
      flag,
      value,
      ...(origin ? { origin } : {}),
    });
  };

  bake('tensorParallel', LLM_OPTION_KEYS.tensorParallel, String(tp.degree), tp.origin);
  const maxModelLen = modelLength(input, engine);
  bake('maxModelLen', LLM_OPTION_KEYS.maxModelLen, maxModelLen?.value, maxModelLen?.origin);
  bake(
    'maxConcurrency',
    LLM_OPTION_KEYS.maxConcurrency,
    optionString(options[LLM_OPTION_KEYS.maxConcurrency]),
  );
  bake('gpuMemory', LLM_OPTION_KEYS.gpuMemory, optionString(options[LLM_OPTION_KEYS.gpuMemory]));

  const dtypeName = String(options[LLM_OPTION_KEYS.dtype] ?? 'auto');
  if (!isLlmDtype(dtypeName)) {
    throw usageError(
      'OPTION_INVALID',
      `dtype "${dtypeName}" is not one of auto, bf16, fp16, fp32, fp8, int8, int4.`,
    );
  }
  const mapped = engine.dtypes[dtypeName];
  bake('dtype', LLM_OPTION_KEYS.dtype, mapped.dtype === 'auto' ? undefined : mapped.dtype);
  const quantization = optionString(options[LLM_OPTION_KEYS.quantization]) ?? mapped.quantization;
  bake('quantization', LLM_OPTION_KEYS.quantization, quantization);
  const chatTemplate = optionString(options[LLM_OPTION_KEYS.chatTemplate]);
  bake('chatTemplate', LLM_OPTION_KEYS.chatTemplate, chatTemplate);

  const adapters = optionString(options[LLM_OPTION_KEYS.loraAdapters]);
  const lora = options[LLM_OPTION_KEYS.enableLora] === true || adapters !== undefined;
  bake('enableLora', LLM_OPTION_KEYS.enableLora, lora ? true : undefined);
  bake('maxLoras', LLM_OPTION_KEYS.maxLoras, optionString(options[LLM_OPTION_KEYS.maxLoras]));
  bake('loraAdapters', LLM_OPTION_KEYS.loraAdapters, adapters);

  const settingRows: LlmSettingRow[] = (Object.entries(engine.flags) as [LlmSetting, string][]).map(
    ([setting, flag]) => {
      const option = LLM_OPTION_KEYS[setting];
      const baked = defaults.find((d) => d.flag === flag);
      const row: LlmSettingRow = { option, env: envName(engine.envPrefix, flag), flag };
      if (baked) row.value = baked.value === true ? 'true' : baked.value;
      if (baked?.origin) row.origin = baked.origin;
      return row;
    },
  );

  const hub = hubModel(input);
  const proxy = !engine.sagemakerRoutes;
  return {
    engine: engine.name,
    envPrefix: engine.envPrefix,
    flagStyle: engine.flagStyle,
    command: engine.command,
    helpArgs: engine.helpArgs,
    modelFlag: engine.modelFlag ?? null,
    hostFlag: engine.hostFlag,
    portFlag: engine.portFlag,
    revisionFlag: engine.revisionFlag ?? null,
    servedModelNameFlag: engine.servedModelNameFlag ?? null,
    configFileFlag: engine.configFileFlag ?? null,
    listFlags: engine.listFlags ?? [],
    defaults,
    settingRows,
    tensorParallelDegree: tp.degree,
    tensorParallelOrigin: tp.origin,
    hubId: hub.id,
    hubRevision: hub.revision,
    hubRevisionName: hub.revisionName,
    gated: hub.gated,
    s3Uri: input.model.s3?.uri ?? (input.model.source === 's3' ? (input.model.location ?? null) : null),
    // Without a flag to name it, the engine serves the model under its id or path.
    servedModelName: engine.servedModelNameFlag ? input.project.imageName : (hub.id ?? '/opt/ml/model'),
    chatTemplateMissing: input.model.hub?.chatTemplate === false && chatTemplate === undefined,
    loraSupported: engine.flags.enableLora !== undefined,
    proxy,
    healthRoute: engine.healthRoute ?? '/health',
    completionsRoute: engine.completionsRoute ?? '/v1/completions',
    chatRoute: engine.chatRoute ?? '/v1/chat/completions',
    payload: engine.payload,
    payloadFile: LLM_PAYLOAD_FILES[engine.payload],
    requestTimeoutSeconds: engine.requestTimeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
    baseImage: input.server.baseImage,
    codeDir: '/opt/program',
    modelDir: '/opt/ml/model',
    port: 8080,
  };
}
