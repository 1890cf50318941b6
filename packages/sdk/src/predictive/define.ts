import { defineServer } from '../define.js';
import type { FileRule } from '../files.js';
import type { ProjectInput } from '../project.js';
import type { Server, ServerRenderInput } from '../server.js';
import { predictiveContext } from './context.js';
import type { PredictiveContext } from './context.js';
import { ABALONE_SAMPLE_PAYLOADS, PREDICTIVE_FILES, sampleOnlyFiles } from './files.js';
import { HTTP_LAYERS } from './http.js';
import { PREDICTIVE_OPTIONS } from './options.js';
import type { FrameworkParts, PredictiveServerContext, PredictiveServerSpec } from './spec.js';
import { predictiveTemplatesDir } from './templates-dir.js';

/**
 * A framework's fields may not shadow a shared one: a template reading `ctx.workers` must get the
 * shared value whichever framework it runs for. A clash is a plugin bug, reported as such.
 */
function merge<F extends FrameworkParts>(
  id: string,
  shared: PredictiveContext,
  framework: F,
): PredictiveServerContext<F> {
  const clash = Object.keys(framework).filter((key) => key in shared);
  if (clash.length > 0) {
    throw new Error(
      `server ${id}: frameworkContext() returns ${clash.join(', ')}, which the shared context owns`,
    );
  }
  return { ...framework, ...shared };
}

/**
 * Declares a predictive Server (sklearn, xgboost, tensorflow …) from a framework's parts. The
 * result is a normal `Server`: its templates are the shared predictive kit then the plugin's own,
 * its HTTP layers are Flask and FastAPI, its options are the framework's then `workers` and
 * `timeout`, and its context is the shared one merged with `frameworkContext(input)`.
 *
 * The plugin's templates folder must provide `code/framework.py` (or `.ejs`) implementing the
 * framework contract described in `predictive/README.md` and in the shared `code/model_handler.py`.
 */
export function definePredictiveServer<F extends FrameworkParts>(
  spec: PredictiveServerSpec<F>,
): Server<PredictiveServerContext<F>> {
  type Input = ServerRenderInput<PredictiveServerContext<F>>;
  const files: FileRule<Input>[] = [
    ...PREDICTIVE_FILES,
    ...sampleOnlyFiles(spec.sampleOnly ?? []),
    ...(spec.files ?? []),
  ];
  return defineServer<PredictiveServerContext<F>>({
    id: spec.id,
    summary: spec.summary,
    accelerator: 'cpu',
    sources: spec.sources ?? ['local', 'sample'],
    formats: spec.formats,
    httpLayers: HTTP_LAYERS,
    defaultHttp: spec.defaultHttp ?? 'flask',
    defaultBaseImage: spec.defaultBaseImage,
    options: [...spec.options, ...PREDICTIVE_OPTIONS],
    templatesDir: [predictiveTemplatesDir, spec.templatesDir],
    files,
    samplePayloads: spec.samplePayloads ?? ABALONE_SAMPLE_PAYLOADS,
    ...(spec.sample ? { sample: spec.sample } : {}),
    memoryPerModelByte: spec.memoryPerModelByte,
    ...(spec.checkModel ? { checkModel: spec.checkModel } : {}),
    context(input: ProjectInput) {
      const framework = spec.frameworkContext(input);
      const shared = predictiveContext(input, framework, {
        serverId: spec.id,
        framework: spec.framework,
        memoryPerModelByte: spec.memoryPerModelByte,
        samplePayloads: spec.samplePayloads ?? ABALONE_SAMPLE_PAYLOADS,
      });
      return merge(spec.id, shared, framework);
    },
  });
}
