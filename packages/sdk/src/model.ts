/**
 * What a ModelSource reports about the model the user named. Core adds the format (from the
 * server's formats) and hands the result to the sizer and to every plugin's render context.
 */
export interface ResolvedModel {
  /** The id of the ModelSource that resolved it (`local`, `sample` …). */
  source: string;
  /** What the user named, normalised: an absolute path, a hub id or an S3 URI. Absent for `sample`. */
  location?: string;
  /** For a local model: whether `location` is a directory (e.g. a TensorFlow SavedModel). */
  isDirectory?: boolean;
  /** Size of the model on disk or in the store, when known; used by sizers. */
  sizeBytes?: number;
  /** True when the server's own sample model is used. */
  sample: boolean;
  /**
   * How the model reaches `/opt/ml/model`:
   * - `copy`: copied into the project's `model/` folder and into the image at build time;
   * - `train`: produced at image build time by the server's sample training script;
   * - `runtime`: fetched by the container at start-up (hub id, S3).
   */
  delivery: 'copy' | 'train' | 'runtime';
  /** For a Hugging Face Hub model: what the Hub said about it (absent offline, except the id). */
  hub?: HubModel;
  /** For a model under an S3 prefix. */
  s3?: S3Model;
}

/** A model on the Hugging Face Hub, as the `huggingface` ModelSource found it. */
export interface HubModel {
  /** `org/name`, as the Hub spells it. */
  id: string;
  /** The revision served: a branch, tag or commit (`main` unless the user named one). */
  revision: string;
  /**
   * The commit `revision` pointed to when the project was generated (the Hub API's `sha`). LLM
   * servers serve that commit unless told otherwise, so a redeploy serves the same weights after the
   * branch moves on. Absent offline, or when the Hub did not say.
   */
  commit?: string;
  /** Whether downloading needs a token (the model is gated or private). */
  gated: boolean;
  /** `config.json` as the Hub serves it; absent with `--offline`. Sizers read the architecture from it. */
  config?: Readonly<Record<string, unknown>>;
  /** Whether `tokenizer_config.json` carries a chat template (absent when unknown). */
  chatTemplate?: boolean;
  /** Parameter counts by dtype (`BF16`, `F16`, `F32`, `I8` …) from the Hub's safetensors metadata. */
  safetensorsParameters?: Readonly<Record<string, number>>;
}

/** A model stored as files under an S3 prefix. */
export interface S3Model {
  /** `s3://bucket/prefix/` as normalised by the source (always ending in `/`). */
  uri: string;
  bucket: string;
  /** The key prefix, ending in `/` (empty for a whole bucket). */
  prefix: string;
  /** Objects under the prefix, when the source could list it. */
  objectCount?: number;
}

/** A model format a server accepts, e.g. `{id: 'joblib', extensions: ['.joblib'], layout: 'file'}`. */
export interface ModelFormat {
  /** The value of `--model-format`, e.g. `joblib`. */
  id: string;
  /** What the format is, in a few words, for prompts and errors. */
  summary: string;
  /** File extensions (lower case, with the dot) that imply this format. */
  extensions: readonly string[];
  /** A single file, or a directory (a SavedModel). */
  layout: 'file' | 'directory';
  /**
   * The model sources this format comes from, when not every one (a Hub-style checkpoint from the
   * Hub or S3, a SavedModel from a local directory). Core picks a fetched model's format among the
   * server's directory formats that take its source.
   */
  sources?: readonly string[];
}

/** The model as every template sees it: resolved, with its format and its name under /opt/ml/model. */
export interface ProjectModel extends ResolvedModel {
  format: string;
  /** File (or directory) name under the model directory, e.g. `model.joblib`. */
  fileName: string;
}
