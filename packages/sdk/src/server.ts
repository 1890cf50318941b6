import type { FileRule } from './files.js';
import type { ModelFormat } from './model.js';
import type { OptionSpec, OptionValues } from './options.js';
import type { ProjectInput } from './project.js';

/** A request the generated server must answer, used by tests and by `mcc invoke` defaults. */
export interface SamplePayload {
  contentType: string;
  /** File in the generated project holding the body, e.g. `tests/payloads/abalone.csv`. */
  file: string;
}

/** Server extension point: a serving stack for some model formats. */
export interface Server<C extends object = object> {
  readonly kind: 'server';
  readonly id: string;
  readonly summary: string;
  /** What hardware the stack serves on; picks the sizer. */
  readonly accelerator: 'cpu' | 'gpu';
  /**
   * The accelerator for the project's option values, when they decide it (one server, several
   * engines: Triton's tree backends run on a CPU, its LLM backends need a GPU). Once the options
   * are resolved core uses it in place of `accelerator` for the target, instance and sizer checks;
   * `accelerator` stays what listings show and what applies before options are known. Pure.
   */
  acceleratorFor?(options: OptionValues): 'cpu' | 'gpu';
  /** Model sources this server takes (`local`, `sample`, `huggingface` …). */
  readonly sources: readonly string[];
  readonly formats: readonly ModelFormat[];
  /** HTTP layers this server offers (`--http`); empty when the engine serves HTTP itself. */
  readonly httpLayers: readonly string[];
  readonly defaultHttp?: string;
  /** Pinned default base image, overridable per project. */
  readonly defaultBaseImage: string;
  /**
   * The default base image in a region, for a stack whose image lives in per-region registries
   * (AWS's deep learning containers). When present, core calls it with the project's region if
   * the user gave no `--base-image`, and records what it returns in mcc.json as `server.baseImage`
   * (so deploy logs in to, and pulls from, that region's registry); `defaultBaseImage` is then only
   * what listings show. For a region without a known copy it throws a usage error that names the
   * region and tells the user to pass `--base-image`. Pure: no I/O.
   */
  baseImageFor?(region: string): string;
  readonly options: readonly OptionSpec[];
  /**
   * Folder(s) whose tree mirrors the generated project (`new URL('../templates/', import.meta.url)`).
   * Several are composed in order, e.g. a shared kit's and then the plugin's own; two folders
   * generating the same path is an error.
   */
  readonly templatesDir: URL | readonly URL[];
  /** Files emitted conditionally or renamed. */
  readonly files?: readonly FileRule<ServerRenderInput<C>>[];
  /** Payloads for tests and `mcc invoke`, in the generated project. */
  readonly samplePayloads: readonly SamplePayload[];
  /** The server's built-in sample model, when it has one (trained at image build time). */
  readonly sample?: { format: string; fileName: string; summary: string };
  /**
   * Checks a user's model file against its format by its contents, at generation time. Returns a
   * message naming the file, what it looks like and what was expected; undefined when it fits.
   */
  readonly checkModel?: (path: string, format: string) => Promise<string | undefined>;
  /** Memory the server needs per byte of model on disk, per worker (for the CPU sizer). */
  readonly memoryPerModelByte?: number;
  /** The typed values this server's templates read under `ctx`. Pure: no I/O. */
  context(input: ProjectInput): C;
}

/** What a server's file rules receive. */
export interface ServerRenderInput<C> extends ProjectInput {
  ctx: C;
}
