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
}

/** A model format a server accepts, e.g. `{id: 'joblib', extensions: ['.joblib'], layout: 'file'}`. */
export interface ModelFormat {
  id: string;
  summary: string;
  /** File extensions (lower case, with the dot) that imply this format. */
  extensions: readonly string[];
  /** A single file, or a directory (a SavedModel). */
  layout: 'file' | 'directory';
}

/** The model as every template sees it: resolved, with its format and its name under /opt/ml/model. */
export interface ProjectModel extends ResolvedModel {
  format: string;
  /** File (or directory) name under the model directory, e.g. `model.joblib`. */
  fileName: string;
}
