import type { FileRule } from '../files.js';
import type { OptionSpec } from '../options.js';
import type { ProjectInput } from '../project.js';
import type { BaseImageQuery, SamplePayload, ServerRenderInput } from '../server.js';
import type { ModelReference } from './model.js';
import type { SharedOptionKey } from './options.js';
import type { ServingProperty } from './properties.js';

/** A property with what the README says about it. */
export interface PropertySetting extends ServingProperty {
  /** One line for the README's settings table. */
  description: string;
  /** The mcc option (`--option key=…`) that set it, when one did. */
  option?: string;
}

/** One row of the README's settings table: a property and the variable that overrides it. */
export interface SettingRow {
  property: string;
  /** `OPTION_*` name; empty for server-level keys such as `engine`, which no variable overrides. */
  env: string;
  /** The generated value as written (escaped). */
  value: string;
  option: string;
  description: string;
}

/** What the shared templates read under `ctx`. */
export interface ServingPropertiesContext {
  /** The engine in words, for comments and the README: `LMI (vLLM rolling batch)`. */
  engineName: string;
  /** The image the Dockerfile starts FROM (the region's copy of the default, or the user's). */
  baseImage: string;
  /** The ECR registry to log in to before pulling the base image (`…dkr.ecr…`); empty for other registries. */
  ecrRegistry: string;
  /** Its region, for `aws ecr get-login-password --region`. */
  ecrRegion: string;
  /** CUDA version of the default image, for the README; empty when the user chose the image. */
  cudaVersion: string;
  /** Port DJL Serving listens on unless SageMaker sets SAGEMAKER_BIND_TO_PORT. */
  port: number;
  /** Where the image keeps the generated serving.properties. */
  propertiesPath: string;
  /** Where the image keeps `code/serve`. */
  codeDir: string;
  model: ModelReference;
  tensorParallelDegree: number;
  properties: readonly PropertySetting[];
  /** `key=value` lines, escaped for a `.properties` file. */
  propertyLines: readonly string[];
  settings: readonly SettingRow[];
  /** requirements.txt lines installed over the image (empty: no requirements.txt). */
  pip: readonly string[];
  samplePayloads: readonly SamplePayload[];
  /** The sample request's prompt and token budget. */
  prompt: string;
  maxNewTokens: number;
}

/** What the shared kit computed, handed to the plugin's `engineProperties`. */
export interface SharedSettings {
  model: ModelReference;
  tensorParallelDegree: number;
}

/** What a plugin declares; {@link defineServingPropertiesServer} turns it into a `Server`. */
export interface ServingPropertiesServerSpec {
  id: string;
  summary: string;
  engineName(input: ProjectInput): string;
  /** Pinned default image; compared with `input.server.baseImage` to tell a user's choice. */
  defaultBaseImage: string;
  /**
   * The default image in a region, when the image lives in per-region registries: core records
   * it in mcc.json when the user gives no --base-image (see `Server.baseImageFor`).
   */
  baseImageFor?: (project: BaseImageQuery) => string;
  /**
   * The image to build FROM: e.g. the project region's copy of a regional default. Default: the
   * input's base image as it is. Throw a usage error naming the region when there is none.
   */
  baseImage?(input: ProjectInput): string;
  /** CUDA version of the image `baseImage` returned, when the plugin's catalog knows it. */
  cudaVersion?(image: string): string | undefined;
  /** Shared options the engine has, in the order shown. */
  sharedOptions: readonly SharedOptionKey[];
  /** The plugin's own options, shown after the shared ones. */
  options: readonly OptionSpec[];
  /** The plugin's own templates, composed after the shared ones (optional). */
  templatesDir?: URL;
  /** requirements.txt lines the image needs on top of the base image. */
  pip?(input: ProjectInput): readonly string[];
  /**
   * The plugin's properties (`engine`, the handler, rolling batch, quantization …). `engine`
   * goes first in the file, the model and shared settings next, the rest after them. Pure; throw
   * usage errors naming bad values.
   */
  engineProperties(input: ProjectInput, shared: SharedSettings): readonly PropertySetting[];
  files?: readonly FileRule<ServerRenderInput<ServingPropertiesContext>>[];
}
