/**
 * The shared templates of every LLM server (`code/serve`, the nginx mapping and payload adapter
 * for engines without SageMaker routes, the Dockerfile, the sample request …). From `src/llm/`
 * and from `dist/llm/` alike, two levels up is the sdk package, which ships `llm-templates/`.
 */
export const llmTemplatesDir: URL = new URL('../../llm-templates/', import.meta.url);
