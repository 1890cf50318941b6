/**
 * The shared `do/build`, `do/run` and `do/push` templates (and their `_engine` partial). From
 * `src/image/` and from `dist/image/` alike, two levels up is the sdk package, which ships
 * `image-templates/`.
 */
export const imageTemplatesDir: URL = new URL('../../image-templates/', import.meta.url);
