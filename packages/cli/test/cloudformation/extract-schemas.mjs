// Dev-time only (tests never run it): writes schemas/<Service>-<Resource>.json for the resource types
// `mcc export cloudformation` emits, from the CloudFormation registry model in @aws-cdk/aws-service-spec.
//
//   npm pack @aws-cdk/aws-service-spec   (in a scratch folder outside the repo)
//   tar xzf aws-cdk-aws-service-spec-*.tgz
//   node packages/cli/test/cloudformation/extract-schemas.mjs <that folder>/package
//   npx prettier --write packages/cli/test/cloudformation/schemas
//
// The package keeps the registry schemas as a model (properties, type definitions, attributes, primary
// identifier) in db.json.gz; this turns each resource back into a registry-style JSON schema:
// `properties` and `definitions` with `additionalProperties: false`, `required`, enums from the
// allowed values, `readOnlyProperties` (attributes that are not properties), `createOnlyProperties` and
// `primaryIdentifier` (what Ref returns). It adds two keys the registry schemas lack: `x-attributes`
// (every name Fn::GetAtt takes, some of them writable properties too) and `x-arnTemplate`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export const TYPES = [
  'AWS::ApplicationAutoScaling::ScalableTarget',
  'AWS::ApplicationAutoScaling::ScalingPolicy',
  'AWS::CloudWatch::Alarm',
  'AWS::IAM::Role',
  'AWS::SageMaker::Endpoint',
  'AWS::SageMaker::EndpointConfig',
  'AWS::SageMaker::InferenceComponent',
  'AWS::SageMaker::Model',
  'AWS::SNS::Topic',
];

const [packageDir] = process.argv.slice(2);
if (!packageDir) {
  console.error('usage: node extract-schemas.mjs <unpacked @aws-cdk/aws-service-spec folder>');
  process.exit(2);
}
const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
const db = JSON.parse(gunzipSync(readFileSync(join(packageDir, 'db.json.gz'))).toString('utf8'));
const typeDefinitions = new Map(db.schema.typeDefinition.entities.map((t) => [t.$id, t]));
const outDir = new URL('./schemas/', import.meta.url);

const TAG = {
  type: 'object',
  additionalProperties: false,
  properties: { Key: { type: 'string' }, Value: { type: 'string' } },
  required: ['Key', 'Value'],
};

function convert(type, definitions) {
  switch (type.type) {
    case 'string':
    case 'integer':
    case 'number':
    case 'boolean':
      return type.allowedValues ? { type: type.type, enum: type.allowedValues } : { type: type.type };
    case 'date-time':
      return { type: 'string' };
    case 'json':
      return { type: ['object', 'string'] };
    case 'tag':
      definitions.Tag = TAG;
      return { $ref: '#/definitions/Tag' };
    case 'array':
      return { type: 'array', items: convert(type.element, definitions) };
    case 'map':
      return { type: 'object', additionalProperties: convert(type.element, definitions) };
    case 'union':
      return { anyOf: type.types.map((t) => convert(t, definitions)) };
    case 'ref': {
      const definition = typeDefinitions.get(type.reference.$ref);
      if (!(definition.name in definitions)) {
        definitions[definition.name] = {}; // reserved first: definitions may refer to themselves
        definitions[definition.name] = objectOf(definition.properties, definitions);
      }
      return { $ref: `#/definitions/${definition.name}` };
    }
    default:
      throw new Error(`unknown type ${JSON.stringify(type)}`);
  }
}

function objectOf(properties, definitions) {
  const out = { type: 'object', additionalProperties: false, properties: {} };
  const required = [];
  for (const name of Object.keys(properties).sort()) {
    out.properties[name] = convert(properties[name].type, definitions);
    if (properties[name].required) required.push(name);
  }
  if (required.length > 0) out.required = required;
  return out;
}

for (const typeName of TYPES) {
  const resource = db.schema.resource.entities.find((r) => r.cloudFormationType === typeName);
  if (!resource) throw new Error(`${typeName} is not in ${pkg.name}@${pkg.version}`);
  const definitions = {};
  const body = objectOf(resource.properties, definitions);
  // Attributes that are not also properties become read-only properties, as the registry has them.
  for (const name of Object.keys(resource.attributes).sort()) {
    if (!name.includes('.') && !(name in body.properties)) {
      body.properties[name] = convert(resource.attributes[name].type, definitions);
    }
  }
  const schema = {
    typeName,
    description: `${typeName}, from ${pkg.name}@${pkg.version} (converted; see SOURCE.md)`,
    additionalProperties: false,
    properties: Object.fromEntries(Object.entries(body.properties).sort(([a], [b]) => a.localeCompare(b))),
    ...(body.required ? { required: body.required } : {}),
    definitions: Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => a.localeCompare(b))),
    readOnlyProperties: Object.keys(resource.attributes)
      .filter((name) => !(name in resource.properties))
      .sort()
      .map((name) => `/properties/${name.replaceAll('.', '/')}`),
    createOnlyProperties: Object.keys(resource.properties)
      .filter((name) => resource.properties[name].causesReplacement === 'yes')
      .sort()
      .map((name) => `/properties/${name}`),
    primaryIdentifier: resource.primaryIdentifier.map((name) => `/properties/${name}`),
    'x-attributes': Object.keys(resource.attributes).sort(),
    ...(resource.arnTemplate ? { 'x-arnTemplate': resource.arnTemplate } : {}),
  };
  const file = `${typeName.split('::').slice(1).join('-')}.json`;
  writeFileSync(new URL(file, outDir), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${file}`);
}
