import { defineServer } from '../define.js';
import type { FileRule } from '../files.js';
import { hfTokenTemplatesDir } from '../hf-token-templates-dir.js';
import type { ModelFormat } from '../model.js';
import type { OptionSpec } from '../options.js';
import type { ProjectInput } from '../project.js';
import type { Server, ServerRenderInput } from '../server.js';
import { llmContext } from './context.js';
import { LLM_PAYLOAD_FILES } from './context.js';
import { LLM_FILES } from './files.js';
import { LLM_LORA_OPTIONS, LLM_SHARED_OPTIONS, quantizationOption } from './options.js';
import type { LlmServerContext, LlmServerSpec } from './spec.js';
import { llmTemplatesDir } from './templates-dir.js';

/**
 * The one format of a model fetched at start-up: a Hugging Face model directory (config.json,
 * tokenizer, safetensors), from the Hub or mounted from S3 under /opt/ml/model. Core gives it to
 * every runtime-delivered model, since it is the server's only directory format.
 */
export const HUGGINGFACE_FORMAT: ModelFormat = {
  id: 'huggingface',
  summary: 'A Hugging Face model: config.json, tokenizer files and safetensors weights',
  extensions: [],
  layout: 'directory',
};

/** The shared options the engine has, then its own. */
function optionsOf<E extends object>(spec: LlmServerSpec<E>): OptionSpec[] {
  const { engine } = spec;
  return [
    ...LLM_SHARED_OPTIONS.filter((option) => option.key !== 'chat-template' || engine.flags.chatTemplate),
    ...(engine.quantizations.length > 0 ? [quantizationOption(engine.quantizations)] : []),
    ...(engine.flags.enableLora ? LLM_LORA_OPTIONS : []),
    ...(spec.options ?? []),
  ];
}

/**
 * Declares an LLM Server (vLLM, SGLang, TensorRT-LLM …) from an engine description. The result is
 * a normal GPU `Server` taking Hub and S3 models: its templates are the shared LLM kit's, the
 * Secrets Manager token reader (`code/aws_secret.py`) and then the plugin's own, its options are
 * the shared LLM options the engine has then the plugin's, and its context is {@link llmContext}
 * merged with `engineContext(input)`.
 */
export function defineLlmServer<E extends object = object>(
  spec: LlmServerSpec<E>,
): Server<LlmServerContext<E>> {
  type Input = ServerRenderInput<LlmServerContext<E>>;
  const files: FileRule<Input>[] = [...LLM_FILES, ...(spec.files ?? [])];
  return defineServer<LlmServerContext<E>>({
    id: spec.id,
    summary: spec.summary,
    accelerator: 'gpu',
    sources: ['huggingface', 's3'],
    formats: [HUGGINGFACE_FORMAT],
    httpLayers: [],
    defaultBaseImage: spec.defaultBaseImage,
    options: optionsOf(spec),
    templatesDir: [llmTemplatesDir, hfTokenTemplatesDir, spec.templatesDir],
    files,
    samplePayloads: [{ contentType: 'application/json', file: LLM_PAYLOAD_FILES[spec.engine.payload] }],
    context(input: ProjectInput) {
      const shared = llmContext(input, spec.id, spec.engine);
      const own = spec.engineContext?.(input);
      if (own === undefined) return shared as LlmServerContext<E>;
      const clash = Object.keys(own).filter((key) => key in shared);
      if (clash.length > 0) {
        throw new Error(
          `server ${spec.id}: engineContext() returns ${clash.join(', ')}, which the shared context owns`,
        );
      }
      return { ...own, ...shared };
    },
  });
}
