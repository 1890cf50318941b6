import { readFileSync, readdirSync } from 'node:fs';

import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';

import { SDK_ENUMS } from './sdk-enums.js';

/** A vendored resource schema (see schemas/SOURCE.md): the registry's shape plus two x- keys. */
export interface ResourceSchema {
  typeName: string;
  properties: Record<string, unknown>;
  required?: string[];
  readOnlyProperties: string[];
  createOnlyProperties: string[];
  primaryIdentifier: string[];
  'x-attributes': string[];
  'x-arnTemplate'?: string;
}

const DIR = new URL('./schemas/', import.meta.url);

/** Every vendored schema by type name, read from this folder only. */
export const SCHEMAS: ReadonlyMap<string, ResourceSchema> = new Map(
  readdirSync(DIR)
    .filter((file) => file.endsWith('.json'))
    .map((file) => {
      const schema = JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as ResourceSchema;
      return [schema.typeName, schema];
    }),
);

// strict: false because the registry keywords (typeName, readOnlyProperties…) are not JSON Schema's.
const ajv = new Ajv({ strict: false, allErrors: true });
const validators = new Map<string, ValidateFunction>();

/** The schema with the SDK's enums added where it has none (see sdk-enums.ts). */
function withSdkEnums(type: string, schema: ResourceSchema): ResourceSchema {
  const patched = structuredClone(schema);
  for (const [pointer, allowed] of Object.entries(SDK_ENUMS[type] ?? {})) {
    let node: Record<string, unknown> = patched as unknown as Record<string, unknown>;
    for (const part of pointer.split('/').slice(1)) node = node[part] as Record<string, unknown>;
    if (!node || node.type !== 'string') throw new Error(`${type}${pointer} is not a string property`);
    node.enum ??= allowed;
  }
  return patched;
}

/** The ajv validator of a type's properties. */
export function validatorFor(type: string): ValidateFunction {
  let validate = validators.get(type);
  if (!validate) {
    const schema = SCHEMAS.get(type);
    if (!schema) throw new Error(`no vendored schema for ${type}`);
    validate = ajv.compile(withSdkEnums(type, schema));
    validators.set(type, validate);
  }
  return validate;
}

/** `/properties/A/B` → `A.B`, the form Fn::GetAtt takes. */
export const attributeName = (pointer: string): string =>
  pointer.replace(/^\/properties\//, '').replaceAll('/', '.');
