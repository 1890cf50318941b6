import { readFileSync } from 'node:fs';

import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';

/** The operator's CRD schema, kept with the tests (source and licence in crd/README.md). */
const SCHEMA_FILE = new URL('./crd/inferenceendpointconfig.v1.schema.json', import.meta.url);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * The openAPIV3Schema made strict the way the API server is: Kubernetes prunes fields a structural
 * schema does not declare (silently dropping a misspelt one), so here every declared object refuses
 * unknown properties; and `x-kubernetes-*` keywords, which ajv does not know, are removed
 * (`int-or-string` becomes the anyOf it already carries).
 */
function strict(node: Json): Json {
  if (Array.isArray(node)) return node.map(strict);
  if (node === null || typeof node !== 'object') return node;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-kubernetes-')) continue;
    out[key] =
      key === 'properties'
        ? Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, strict(v as Json)]))
        : strict(value);
  }
  if (out.type === 'object' && out.properties && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  return out;
}

/**
 * Kubernetes checks `pattern` with Go's RE2, which takes a leading `(?i)` flag group that
 * JavaScript does not (the CRD's l2CacheBackend uses one): it becomes the `i` flag.
 */
const goRegExp = Object.assign(
  (pattern: string, flags: string): RegExp =>
    pattern.startsWith('(?i)') ? new RegExp(pattern.slice(4), `${flags}i`) : new RegExp(pattern, flags),
  { code: 'new RegExp' },
);

let compiled: ValidateFunction | undefined;

export function crdValidator(): ValidateFunction {
  if (!compiled) {
    const document = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as { openAPIV3Schema: Json };
    // The schema's `format: int32/int64/date-time` are OpenAPI formats; checked types are enough here.
    const ajv = new Ajv({
      allErrors: true,
      strict: false,
      validateFormats: false,
      code: { regExp: goRegExp },
    });
    compiled = ajv.compile(strict(document.openAPIV3Schema) as object);
  }
  return compiled;
}

/** The schema violations of an object, one line each (empty when it is valid). */
export function violations(object: unknown): string[] {
  const validate = crdValidator();
  if (validate(object)) return [];
  return (validate.errors ?? []).map(
    (e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
  );
}
