import type { LlmDtype } from './options.js';

/** The settings a shared option turns into, in the engine's own words. */
export type LlmSetting =
  | 'tensorParallel'
  | 'maxModelLen'
  | 'maxConcurrency'
  | 'gpuMemory'
  | 'dtype'
  | 'quantization'
  | 'chatTemplate'
  | 'enableLora'
  | 'maxLoras'
  | 'loraAdapters';

/** What one of mcc's dtypes becomes for the engine: its `--dtype` value and, when needed, a quantization. */
export interface EngineDtype {
  dtype: string;
  quantization?: string;
}

/**
 * How `code/serve` drives one engine. Everything engine-specific about the shared serving kit is
 * here; the templates read it through the context and never name an engine.
 */
export interface LlmEngine {
  /** The engine in words: `vLLM`. */
  name: string;
  /** Prefix of the environment variables that become flags: `VLLM_` (`VLLM_MAX_MODEL_LEN` → `--max-model-len`). */
  envPrefix: string;
  /** How its flags are spelled: `kebab` (`--max-model-len`) or `snake` (`--max_seq_len`). */
  flagStyle: 'kebab' | 'snake';
  /**
   * The command that starts the OpenAI-compatible server, looked up on PATH at start-up:
   * `['vllm', 'serve']`, `['python3', '-m', 'sglang.launch_server']`.
   */
  command: readonly string[];
  /**
   * Arguments after `command` that print its flags; each is tried and the flags of all that answer
   * are merged (vLLM prints every flag only with `--help=all`, older releases with `--help`).
   */
  helpArgs: readonly (readonly string[])[];
  /** Flag naming the model, or absent when the model is the first positional argument. */
  modelFlag?: string;
  hostFlag: string;
  portFlag: string;
  /** Flag naming the Hub revision, when the engine has one. */
  revisionFlag?: string;
  /** Flag setting the model name clients send in `model`, when the engine has one. */
  servedModelNameFlag?: string;
  /**
   * The engine's flag for each shared setting it has. A value starting `config:` is a key of the
   * YAML file passed with `configFileFlag` instead (TensorRT-LLM takes its dtype there).
   */
  flags: Partial<Record<LlmSetting, string>>;
  /** Flag taking a YAML file of extra settings (for `config:` settings). */
  configFileFlag?: string;
  /** Flags whose value is a list: a space- or comma-separated value becomes several arguments. */
  listFlags?: readonly string[];
  /** Each of mcc's dtypes in the engine's words. */
  dtypes: Readonly<Record<LlmDtype, EngineDtype>>;
  /** Quantization methods the engine offers (the `quantization` option's choices); empty for none. */
  quantizations: readonly string[];
  /** True when the engine serves SageMaker's `/ping` and `/invocations` itself. */
  sagemakerRoutes: boolean;
  /** Otherwise: its health route (`/ping` maps to it) and the routes `/invocations` reaches. */
  healthRoute?: string;
  completionsRoute?: string;
  chatRoute?: string;
  /** The body of the project's sample request: OpenAI chat, or TGI-style `inputs`/`parameters`. */
  payload: 'openai-chat' | 'tgi';
  /** Seconds the README says a large model may take to load; also nginx's patience with the first answer. */
  requestTimeoutSeconds?: number;
}
