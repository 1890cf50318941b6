import type { CfnTemplate, CfnValue } from '../../src/cloudformation/template.js';
import { SCHEMAS, attributeName } from './schemas.js';

/**
 * A small CloudFormation evaluator for tests: parameters take their Default (or a value given),
 * pseudo parameters the values given, and a resource's Ref and attributes are made from its own
 * resolved properties as CloudFormation documents them (Ref returns the primary identifier; ARNs
 * follow the type's ARN template; a resource without a name gets `generatedName(logicalId)`).
 */
export interface Environment {
  parameters?: Record<string, string | number>;
  accountId: string;
  region: string;
  partition: string;
  generatedName: (logicalId: string) => string;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type Resolved = Record<string, Record<string, Json>>;

export const PSEUDO = new Set([
  'AWS::AccountId',
  'AWS::Region',
  'AWS::Partition',
  'AWS::StackName',
  'AWS::StackId',
  'AWS::URLSuffix',
  'AWS::NoValue',
  'AWS::NotificationARNs',
]);

export function resolveTemplate(template: CfnTemplate, env: Environment): Resolved {
  const resolved: Resolved = {};
  const pseudo: Record<string, string> = {
    'AWS::AccountId': env.accountId,
    'AWS::Region': env.region,
    'AWS::Partition': env.partition,
    'AWS::StackName': 'stack',
    'AWS::URLSuffix': 'amazonaws.com',
  };
  const resolving = new Set<string>();

  const resourceOf = (id: string): Record<string, Json> => {
    if (resolved[id]) return resolved[id];
    const resource = template.Resources[id];
    if (!resource) throw new Error(`no resource ${id}`);
    if (resolving.has(id)) throw new Error(`cycle through ${id}`);
    resolving.add(id);
    resolved[id] = value(resource.Properties) as Record<string, Json>;
    resolving.delete(id);
    return resolved[id];
  };

  const attribute = (id: string, name: string): string => {
    const type = template.Resources[id]!.Type;
    const schema = SCHEMAS.get(type);
    if (!schema) throw new Error(`no schema for ${type}`);
    if (!schema['x-attributes'].includes(name)) throw new Error(`${type} has no attribute ${name}`);
    return plain(id, name);
  };

  /** A property or attribute of a resource, as CloudFormation would report it. */
  const plain = (id: string, name: string): string => {
    const type = template.Resources[id]!.Type;
    const schema = SCHEMAS.get(type)!;
    const props = resourceOf(id);
    if (typeof props[name] === 'string' || typeof props[name] === 'number') return String(props[name]);
    if (name === 'RoleNameWithPath') {
      const path = typeof props.Path === 'string' ? props.Path : '/';
      return `${path.slice(1)}${plain(id, 'RoleName')}`;
    }
    if (name.endsWith('Name')) return env.generatedName(id);
    if (name.endsWith('Arn')) {
      const template_ = schema['x-arnTemplate'] ?? scalingPolicyArn(props);
      return template_.replace(/\$\{([^}]+)\}/g, (_, v: string) =>
        v === 'Partition'
          ? env.partition
          : v === 'Region'
            ? env.region
            : v === 'Account'
              ? env.accountId
              : plain(id, v),
      );
    }
    if (name === 'Id') return refOf(id);
    if (name === 'ResourceId' || name === 'ServiceNamespace' || name === 'ScalableDimension') {
      const target = String(props.ScalingTargetId ?? '').split('|');
      return target[['ResourceId', 'ScalableDimension', 'ServiceNamespace'].indexOf(name)] ?? '';
    }
    return `${id}-${name}`;
  };

  /** What Ref of a resource returns: its primary identifier, parts joined by `|`. */
  const refOf = (id: string): string => {
    const schema = SCHEMAS.get(template.Resources[id]!.Type)!;
    return schema.primaryIdentifier.map((p) => plain(id, attributeName(p))).join('|');
  };

  const ref = (name: string): Json => {
    if (name in pseudo) return pseudo[name]!;
    const parameter = template.Parameters[name];
    if (parameter) {
      const given = env.parameters?.[name] ?? parameter.Default;
      if (given === undefined) throw new Error(`parameter ${name} has no value`);
      return given;
    }
    if (template.Resources[name]) return refOf(name);
    throw new Error(`Ref to ${name}, which the template does not declare`);
  };

  const value = (node: CfnValue): Json => {
    if (Array.isArray(node)) return node.map(value);
    if (node === null || typeof node !== 'object') return node;
    const keys = Object.keys(node);
    if (keys.length === 1 && keys[0] === 'Ref') return ref(node.Ref as string);
    if (keys.length === 1 && keys[0] === 'Fn::GetAtt') {
      const [id, name] = node['Fn::GetAtt'] as [string, string];
      if (!template.Resources[id]) throw new Error(`GetAtt of ${id}, which the template does not declare`);
      return attribute(id, name);
    }
    if (keys.length === 1 && keys[0] === 'Fn::Sub') {
      return (node['Fn::Sub'] as string).replace(/\$\{(!?)([^}]*)\}/g, (_, bang: string, inner: string) => {
        if (bang) return `\${${inner}}`;
        const [id, name] = inner.split(/\.(.*)/s) as [string, string | undefined];
        if (name !== undefined && !(id in pseudo)) return attribute(id, name);
        return String(ref(inner));
      });
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, value(v)]));
  };

  for (const id of Object.keys(template.Resources)) resourceOf(id);
  return resolved;
}

/** Application Auto Scaling ARNs carry an id CloudFormation cannot know; a fixed one stands in. */
function scalingPolicyArn(props: Record<string, Json>): string {
  const [resourceId, , namespace] = String(props.ScalingTargetId ?? '').split('|');
  return `arn:\${Partition}:autoscaling:\${Region}:\${Account}:scalingPolicy:00000000-0000-0000-0000-000000000000:resource/${namespace ?? props.ServiceNamespace}/${resourceId ?? props.ResourceId}:policyName/${String(props.PolicyName)}`;
}
