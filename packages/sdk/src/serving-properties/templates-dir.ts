/**
 * The shared templates of DJL-Serving-based servers (Dockerfile, serving.properties, `code/serve`,
 * the README section, the sample payload). From `src/serving-properties/` and
 * `dist/serving-properties/` alike, two levels up is the sdk package, which ships them.
 */
export const servingPropertiesTemplatesDir: URL = new URL(
  '../../serving-properties-templates/',
  import.meta.url,
);
