import { IMAGE } from './placeholders.js';
import { isRecord } from './template.js';
import type { CfnParameter } from './template.js';

/** The image parameter: what a stack update changes to roll out a new version. */
export const IMAGE_PARAMETER = 'ImageUri';

type Knob = Omit<CfnParameter, 'Default'>;

/** Knobs that become parameters only as a literal the plan was given, not a resource the template makes. */
const GIVEN_ONLY = new Set(['ExecutionRoleArn']);

const count = (description: string, min: number, max?: number): Knob => ({
  Type: 'Number',
  Description: description,
  MinValue: min,
  ...(max === undefined ? {} : { MaxValue: max }),
});

/**
 * The deployment's knobs, by property key wherever a resource has one: each becomes a parameter
 * defaulting to the plan's value, so one template serves several sizes. Kept to what people tune.
 */
const KNOBS: Readonly<Record<string, Knob>> = {
  InstanceType: {
    Type: 'String',
    Description: 'SageMaker instance type of the endpoint',
    AllowedPattern: '^ml\\.[a-z0-9-]+\\.[a-z0-9]+$',
    ConstraintDescription: 'a SageMaker instance type, such as ml.m5.large',
  },
  InitialInstanceCount: count('Instances the endpoint starts with', 1),
  MinInstanceCount: count(
    'Fewest instances managed instance scaling keeps (at most InitialInstanceCount)',
    0,
  ),
  MaxInstanceCount: count('Most instances managed instance scaling runs (at least InitialInstanceCount)', 1),
  CopyCount: count('Copies of the model the inference component starts with', 1),
  MemorySizeInMB: {
    Type: 'Number',
    Description: 'Memory of the serverless endpoint in MB (its vCPUs grow with it)',
    AllowedValues: [1024, 2048, 3072, 4096, 5120, 6144],
  },
  MaxConcurrency: count('Most invocations the serverless endpoint serves at once', 1, 200),
  ProvisionedConcurrency: count('Invocations kept warm (at most MaxConcurrency)', 1, 200),
  MaxConcurrentInvocationsPerInstance: count('Requests SageMaker sends one instance at once', 1, 1000),
  MinCapacity: count('Lowest count autoscaling scales in to', 0),
  MaxCapacity: count('Highest count autoscaling scales out to', 1),
  ExecutionRoleArn: {
    Type: 'String',
    Description: 'Existing SageMaker execution role the model runs with',
    AllowedPattern: '^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$',
    ConstraintDescription: 'an IAM role ARN',
  },
};

interface Occurrence {
  owner: Record<string, unknown>;
  key: string;
  logicalId: string;
  value: string | number;
}

/**
 * Replaces knob values and the image stand-in in the resources' (untranslated) properties with
 * `Ref`s, and returns the parameters, the image first. `isMade` tells a value the template makes.
 */
export function extractParameters(
  resources: readonly { logicalId: string; properties: Record<string, unknown> }[],
  image: string | undefined,
  isMade: (value: string) => boolean,
): Record<string, CfnParameter> {
  const occurrences: Occurrence[] = [];
  let imageUsed = false;
  const walk = (node: Record<string, unknown> | unknown[], logicalId: string): void => {
    const entries: [string | number, unknown][] = Array.isArray(node)
      ? [...node.entries()]
      : Object.entries(node);
    for (const [key, value] of entries) {
      if (value === IMAGE) {
        (node as Record<string | number, unknown>)[key] = { Ref: IMAGE_PARAMETER };
        imageUsed = true;
      } else if (typeof key === 'string' && key in KNOBS && !Array.isArray(node)) {
        const knob = KNOBS[key]!;
        const fits = knob.Type === 'Number' ? typeof value === 'number' : typeof value === 'string';
        if (fits && !(GIVEN_ONLY.has(key) && isMade(value as string))) {
          occurrences.push({ owner: node, key, logicalId, value: value as string | number });
        }
      } else if (Array.isArray(value) || isRecord(value)) {
        walk(value, logicalId);
      }
    }
  };
  for (const resource of resources) walk(resource.properties, resource.logicalId);

  const parameters: Record<string, CfnParameter> = {};
  if (imageUsed) {
    parameters[IMAGE_PARAMETER] = {
      Type: 'String',
      Description: image
        ? 'Image to deploy (default: the one the last mcc push recorded)'
        : 'Image to deploy (an ECR image URI; no mcc push has recorded one yet)',
      ...(image ? { Default: image } : {}),
      MinLength: 1,
    };
  }
  const perKey = new Map<string, number>();
  for (const o of occurrences) perKey.set(o.key, (perKey.get(o.key) ?? 0) + 1);
  for (const o of occurrences) {
    // One parameter per key when it is unambiguous; prefixed by its resource when it is not.
    let name = perKey.get(o.key) === 1 ? o.key : `${o.logicalId}${o.key}`;
    for (let n = 2; name in parameters; n++) name = `${o.logicalId}${o.key}${n}`;
    const { Type, Description, ...constraints } = KNOBS[o.key]!;
    parameters[name] = { Type, Description, Default: o.value, ...constraints };
    o.owner[o.key] = { Ref: name };
  }
  return parameters;
}
