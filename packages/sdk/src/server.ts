import type { FileRule } from './files.js';
import type { ModelFormat } from './model.js';
import type { OptionSpec, OptionValues } from './options.js';
import type { ProjectInput } from './project.js';

/** What a server may decide its accelerator or image by, once the project's choices are made. */
export interface ProjectChoices {
  /** The server's resolved option values. */
  options: OptionValues;
  /** The model's source and format, when a model is known (generation without one has neither). */
  model?: { source: string; format: string; sample: boolean };
}

/** What `Server.baseImageFor` may choose the default image by. */
export interface BaseImageQuery extends ProjectChoices {
  /** The project's AWS region. */
  region: string;
}

/** A request the generated server must answer, used by tests and by `mcc invoke` defaults. */
export interface SamplePayload {
  /** The request's `Content-Type`, e.g. `text/csv`. */
  contentType: string;
  /** File in the generated project holding the body, e.g. `tests/payloads/abalone.csv`. */
  file: string;
}

/** Server extension point: a serving stack for some model formats. */
export interface Server<C extends object = object> {
  /** The brand `defineServer` adds. */
  readonly kind: 'server';
  /** Kebab-case, unique among servers: the value of `--server`. */
  readonly id: string;
  /** One line for `mcc list` and prompts. */
  readonly summary: string;
  /** What hardware the stack serves on; picks the sizer. */
  readonly accelerator: 'cpu' | 'gpu';
  /**
   * The accelerator for the project's options and model, when they decide it (one server, several
   * engines: Triton's tree backends run on a CPU, its LLM backends need a GPU). Once the options
   * and the model are resolved, core uses it in place of `accelerator` for the target, instance and
   * sizer checks; `accelerator` stays what listings show. Pure.
   */
  acceleratorFor?(project: ProjectChoices): 'cpu' | 'gpu';
  /** Model sources this server takes (`local`, `sample`, `huggingface` …). */
  readonly sources: readonly string[];
  /** Model formats this server takes; core picks one by the model's extension or `--model-format`. */
  readonly formats: readonly ModelFormat[];
  /** HTTP layers this server offers (`--http`); empty when the engine serves HTTP itself. */
  readonly httpLayers: readonly string[];
  /** The HTTP layer used when the user names none. */
  readonly defaultHttp?: string;
  /** Pinned default base image, overridable per project. */
  readonly defaultBaseImage: string;
  /**
   * The default base image for a project, when it depends on more than the server: a region (AWS's
   * deep learning containers live in per-region registries) or the options and model (Triton's
   * LLM backends have their own images). When present, core calls it if the user gave no
   * `--base-image`, and records what it returns in mcc.json as `server.baseImage` (so deploy logs
   * in to, and pulls from, the right registry, and mcc.json names the image the Dockerfile builds
   * FROM); `defaultBaseImage` is then only what listings show. For a region without a known copy
   * it throws a usage error that names the region and tells the user to pass `--base-image`.
   * Pure: no I/O.
   */
  baseImageFor?(project: BaseImageQuery): string;
  /** The server's options (`--option key=value`), parsed and validated by core from these specs. */
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
