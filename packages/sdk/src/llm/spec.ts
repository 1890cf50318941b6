import type { FileRule } from '../files.js';
import type { OptionSpec } from '../options.js';
import type { ProjectInput } from '../project.js';
import type { ServerRenderInput } from '../server.js';
import type { LlmContext } from './context.js';
import type { LlmEngine } from './engine.js';

/** The context of an LLM server: the shared part and the plugin's own fields, merged. */
export type LlmServerContext<E extends object> = LlmContext & Omit<E, keyof LlmContext>;

/** What an LLM engine plugin declares; {@link defineLlmServer} turns it into a `Server`. */
export interface LlmServerSpec<E extends object = object> {
  id: string;
  summary: string;
  /** Pinned default base image (the plugin's catalog), overridable with `--base-image`. */
  defaultBaseImage: string;
  engine: LlmEngine;
  /** The plugin's own templates (at least `_README.md.ejs`), composed after the shared ones. */
  templatesDir: URL;
  /** Options of the engine's own, after the shared ones. */
  options?: readonly OptionSpec[];
  files?: readonly FileRule<ServerRenderInput<LlmServerContext<E>>>[];
  /** Fields of the plugin's own for its templates; they must not reuse a shared name. Pure. */
  engineContext?(input: ProjectInput): E;
}
