/**
 * The shared templates of every predictive server (nginx, `code/serve`, the Flask and FastAPI apps,
 * the generic handler, payload parsing, the Dockerfile …). From `src/predictive/` and from
 * `dist/predictive/` alike, two levels up is the sdk package, which ships `predictive-templates/`.
 */
export const predictiveTemplatesDir: URL = new URL('../../predictive-templates/', import.meta.url);
