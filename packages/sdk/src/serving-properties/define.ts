import { defineServer } from '../define.js';
import type { FileRule } from '../files.js';
import { hfTokenTemplatesDir } from '../hf-token-templates-dir.js';
import type { ModelFormat } from '../model.js';
import type { ProjectInput } from '../project.js';
import type { Server, ServerRenderInput } from '../server.js';
import { servingPropertiesContext } from './context.js';
import { GENERATE_PAYLOADS } from './defaults.js';
import { sharedOptions } from './options.js';
import type { ServingPropertiesContext, ServingPropertiesServerSpec } from './spec.js';
import { servingPropertiesTemplatesDir } from './templates-dir.js';

/** The one format: a model directory in Hugging Face layout, fetched by the engine at start-up. */
export const HUGGINGFACE_DIRECTORY_FORMAT: ModelFormat = {
  id: 'huggingface',
  summary: 'A Hugging Face model directory (config.json, tokenizer, safetensors), from the Hub or S3',
  extensions: [],
  layout: 'directory',
};

type Input = ServerRenderInput<ServingPropertiesContext>;

/** requirements.txt only when the plugin installs something over its image. */
const SHARED_FILES: readonly FileRule<Input>[] = [
  { template: 'requirements.txt', when: ({ ctx }: Input) => ctx.pip.length > 0 },
];

/**
 * Declares a Server on DJL Serving configured through serving.properties (LMI, plain DJL …). The
 * result is a normal `Server`: GPU, Hub or S3 models, no HTTP layer (DJL Serving answers `/ping`
 * and `/invocations`), the shared templates, the Secrets Manager token reader (`code/aws_secret.py`)
 * and then the plugin's, and the shared options the engine has followed by the plugin's own.
 */
export function defineServingPropertiesServer(
  spec: ServingPropertiesServerSpec,
): Server<ServingPropertiesContext> {
  return defineServer<ServingPropertiesContext>({
    id: spec.id,
    summary: spec.summary,
    accelerator: 'gpu',
    sources: ['huggingface', 's3'],
    formats: [HUGGINGFACE_DIRECTORY_FORMAT],
    httpLayers: [],
    defaultBaseImage: spec.defaultBaseImage,
    ...(spec.baseImageFor ? { baseImageFor: spec.baseImageFor } : {}),
    options: [...sharedOptions(spec.sharedOptions), ...spec.options],
    templatesDir: [
      servingPropertiesTemplatesDir,
      hfTokenTemplatesDir,
      ...(spec.templatesDir ? [spec.templatesDir] : []),
    ],
    files: [...SHARED_FILES, ...(spec.files ?? [])],
    samplePayloads: GENERATE_PAYLOADS,
    context: (input: ProjectInput) => servingPropertiesContext(input, spec),
  });
}
