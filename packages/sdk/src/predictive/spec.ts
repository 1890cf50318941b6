import type { FileRule } from '../files.js';
import type { ModelFormat } from '../model.js';
import type { OptionSpec } from '../options.js';
import type { ProjectInput } from '../project.js';
import type { SamplePayload, ServerRenderInput } from '../server.js';
import type { PredictiveContext } from './context.js';

/**
 * What a framework contributes to the shared templates through its `frameworkContext()`. Besides
 * these, the framework may return any fields of its own for its own templates; they must not reuse
 * a name of {@link PredictiveContext}.
 */
export interface FrameworkParts {
  /** requirements.txt lines of the framework (pins, comments), written before the shared ones. */
  pip: readonly string[];
  /** numpy to pin instead of the shared default, when the framework's release needs another one. */
  numpy?: string;
  /** Extra apt packages the image needs (nginx is always installed), e.g. `libgomp1`. */
  apt?: readonly string[];
  /** Debian/Ubuntu packages that run the framework outside a container, e.g. `python3-sklearn`. */
  debian: readonly string[];
  /**
   * Script that trains the sample model: run as `python3 <script> MODEL_DIR` at image build time
   * and by the project's tests. Default `sample/train.py`; only used for the sample model.
   */
  sampleScript?: string;
}

/** The typed context of a predictive server: the shared part and the framework's own, merged. */
export type PredictiveServerContext<F extends FrameworkParts> = PredictiveContext &
  Omit<F, keyof PredictiveContext>;

/** What a framework plugin declares; {@link definePredictiveServer} turns it into a `Server`. */
export interface PredictiveServerSpec<F extends FrameworkParts> {
  id: string;
  summary: string;
  /** The framework in words, for the README, comments and errors: `scikit-learn`. */
  framework: string;
  formats: readonly ModelFormat[];
  /** Default `['local', 'sample']` (predictive servers bake the model into the image). */
  sources?: readonly string[];
  /** Default `flask`. */
  defaultHttp?: 'flask' | 'fastapi';
  defaultBaseImage: string;
  /** The framework's options; the shared `workers` and `timeout` follow them. */
  options: readonly OptionSpec[];
  /** The plugin's own templates (at least `code/framework.py[.ejs]`), composed after the shared ones. */
  templatesDir: URL;
  /** Templates of the plugin emitted only for the sample model (`sample/train.py`, its data …). */
  sampleOnly?: readonly string[];
  /** More file rules of the plugin's own. */
  files?: readonly FileRule<ServerRenderInput<PredictiveServerContext<F>>>[];
  /** Default: the Abalone sample's payloads, which the shared templates ship. */
  samplePayloads?: readonly SamplePayload[];
  sample?: { format: string; fileName: string; summary: string };
  /** Memory one worker's loaded model takes per byte on disk; drives the default worker count. */
  memoryPerModelByte: number;
  /** Checks a user's model file by its contents at generation time (see `Server.checkModel`). */
  checkModel?: (path: string, format: string) => Promise<string | undefined>;
  /** The framework's part of the context. Pure: no I/O. Throw usage errors naming bad values. */
  frameworkContext(input: ProjectInput): F;
}
