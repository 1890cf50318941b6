import type { CfnTemplate, CfnValue } from '../../src/cloudformation/template.js';
import { PSEUDO, resolveTemplate } from './resolve.js';
import type { Environment } from './resolve.js';
import { SCHEMAS, attributeName, validatorFor } from './schemas.js';

/**
 * The checks a template must pass before anyone deploys it. Each returns the problems it finds (an
 * empty list when there are none), so a test can show each one failing on a broken template.
 */

type Visit = (kind: 'Ref' | 'GetAtt' | 'Sub', target: string, attribute?: string) => void;

function visitReferences(node: CfnValue, visit: Visit): void {
  if (Array.isArray(node)) node.forEach((n) => visitReferences(n, visit));
  else if (node !== null && typeof node === 'object') {
    for (const [key, item] of Object.entries(node)) {
      if (key === 'Ref') visit('Ref', String(item));
      else if (key === 'Fn::GetAtt') {
        const [id, name] = item as [string, string];
        visit('GetAtt', id, name);
      } else if (key === 'Fn::Sub') {
        for (const m of String(item).matchAll(/\$\{(?!!)([^}]*)\}/g)) {
          const [id, name] = m[1]!.split(/\.(.*)/s) as [string, string | undefined];
          if (name !== undefined && !PSEUDO.has(m[1]!)) visit('Sub', id, name);
          else visit('Sub', m[1]!);
        }
      } else visitReferences(item, visit);
    }
  }
}

/** Every resource type is one of the vendored registry schemas. */
export function checkTypes(template: CfnTemplate): string[] {
  return Object.entries(template.Resources)
    .filter(([, r]) => !SCHEMAS.has(r.Type))
    .map(([id, r]) => `${id}: ${r.Type} is not a known resource type`);
}

/** Every Ref, GetAtt and Sub variable names a parameter, resource or pseudo parameter, and a real attribute. */
export function checkReferences(template: CfnTemplate): string[] {
  const problems: string[] = [];
  const check = (where: string, value: CfnValue) =>
    visitReferences(value, (kind, target, attribute) => {
      const resource = template.Resources[target];
      if (attribute === undefined) {
        if (!(target in template.Parameters) && !resource && !PSEUDO.has(target)) {
          problems.push(`${where}: ${kind} ${target} names nothing the template declares`);
        }
        return;
      }
      if (!resource) problems.push(`${where}: ${kind} ${target}.${attribute} names no resource`);
      else if (!SCHEMAS.get(resource.Type)?.['x-attributes'].includes(attribute)) {
        problems.push(`${where}: ${resource.Type} has no attribute ${attribute}`);
      }
    });
  for (const [id, r] of Object.entries(template.Resources)) check(id, r.Properties);
  for (const [id, o] of Object.entries(template.Outputs)) check(`output ${id}`, o.Value);
  return problems;
}

/** No stand-in of the plan (`<account>`, `<deploy-id>`, `<image …>`) is left anywhere. */
export function checkPlaceholders(template: CfnTemplate): string[] {
  const problems: string[] = [];
  const walk = (node: unknown, where: string): void => {
    if (typeof node === 'string') {
      const found = /<[a-z][^<>]*>/i.exec(node);
      if (found) problems.push(`${where}: ${found[0]} left in "${node}"`);
    } else if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${where}[${i}]`));
    else if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) walk(v, `${where}.${k}`);
    }
  };
  walk(template, 'template');
  return problems;
}

/** DependsOn names existing resources, and nothing (DependsOn or reference) goes round in a cycle. */
export function checkDependencies(template: CfnTemplate): string[] {
  const problems: string[] = [];
  const edges = new Map<string, Set<string>>();
  for (const [id, r] of Object.entries(template.Resources)) {
    const out = new Set<string>();
    for (const d of r.DependsOn ?? []) {
      if (!template.Resources[d]) problems.push(`${id}: DependsOn ${d}, which is not a resource`);
      else out.add(d);
    }
    visitReferences(r.Properties, (_, target) => {
      if (template.Resources[target]) out.add(target);
    });
    edges.set(id, out);
  }
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string, path: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'open') {
      problems.push(`cycle: ${[...path.slice(path.indexOf(id)), id].join(' → ')}`);
      return;
    }
    state.set(id, 'open');
    for (const next of edges.get(id) ?? []) visit(next, [...path, id]);
    state.set(id, 'done');
  };
  for (const id of edges.keys()) visit(id, []);
  return problems;
}

/** Parameters are all used, and each default meets its own constraints. */
export function checkParameters(template: CfnTemplate): string[] {
  const problems: string[] = [];
  const used = new Set<string>();
  const collect = (value: CfnValue) => visitReferences(value, (_, target) => used.add(target));
  for (const r of Object.values(template.Resources)) collect(r.Properties);
  for (const [name, p] of Object.entries(template.Parameters)) {
    if (!used.has(name)) problems.push(`parameter ${name} is never used`);
    const d = p.Default;
    if (d === undefined) continue;
    if (p.Type === 'Number' && (typeof d !== 'number' || Number.isNaN(d)))
      problems.push(`${name}: ${d} is not a number`);
    if (p.AllowedValues && !p.AllowedValues.includes(d))
      problems.push(`${name}: ${d} is not an allowed value`);
    if (p.MinValue !== undefined && Number(d) < p.MinValue) problems.push(`${name}: ${d} < ${p.MinValue}`);
    if (p.MaxValue !== undefined && Number(d) > p.MaxValue) problems.push(`${name}: ${d} > ${p.MaxValue}`);
    if (p.AllowedPattern && !new RegExp(p.AllowedPattern).test(String(d))) {
      problems.push(`${name}: ${d} does not match ${p.AllowedPattern}`);
    }
  }
  return problems;
}

/**
 * With intrinsic functions resolved, each resource's properties are valid against the registry
 * schema of its type (required properties, no unknown ones, types, enums), set no read-only property,
 * and give IAM policy documents as objects.
 */
export function checkProperties(template: CfnTemplate, env: Environment): string[] {
  let resolved;
  try {
    resolved = resolveTemplate(template, env);
  } catch (error) {
    return [`resolving: ${(error as Error).message}`];
  }
  const problems: string[] = [];
  for (const [id, props] of Object.entries(resolved)) {
    const type = template.Resources[id]!.Type;
    const schema = SCHEMAS.get(type);
    if (!schema) continue;
    const validate = validatorFor(type);
    if (!validate(props)) {
      for (const e of validate.errors ?? []) {
        problems.push(`${id} (${type})${e.instancePath}: ${e.message} ${JSON.stringify(e.params)}`);
      }
    }
    for (const pointer of schema.readOnlyProperties) {
      const name = attributeName(pointer);
      if (!name.includes('.') && name in props) problems.push(`${id}: sets the read-only property ${name}`);
    }
    // A rule of the documentation the schema cannot state: the target by its Ref, or by its three keys.
    if (type === 'AWS::ApplicationAutoScaling::ScalingPolicy') {
      const keys = ['ResourceId', 'ScalableDimension', 'ServiceNamespace'].filter((k) => k in props);
      if ('ScalingTargetId' in props ? keys.length > 0 : keys.length !== 3) {
        problems.push(
          `${id}: ScalingTargetId must be set alone, or else ResourceId, ScalableDimension and ServiceNamespace`,
        );
      }
    }
    if (type === 'AWS::IAM::Role') {
      const documents = [
        props.AssumeRolePolicyDocument,
        ...((props.Policies ?? []) as { PolicyDocument?: unknown }[]).map((p) => p.PolicyDocument),
      ];
      if (documents.some((d) => typeof d !== 'object' || d === null))
        problems.push(`${id}: a policy document is not an object`);
    }
  }
  return problems;
}

/** Every check at once, for the templates the CLI writes. */
export function checkTemplate(template: CfnTemplate, env: Environment): string[] {
  return [
    ...checkTypes(template),
    ...checkReferences(template),
    ...checkPlaceholders(template),
    ...checkDependencies(template),
    ...checkParameters(template),
    ...checkProperties(template, env),
  ];
}
