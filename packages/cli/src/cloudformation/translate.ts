import { isPlannedKubeRequest, partitionOf, usageError } from '@mcc/sdk';
import type { PlannedAwsCall, PlannedCall } from '@mcc/sdk';

import { reduceDependencies } from './dependencies.js';
import { link } from './links.js';
import { logicalIds } from './logical-ids.js';
import { ruleFor } from './operations.js';
import type { Handle, PlanIds, ResourceRule } from './operations.js';
import { extractParameters } from './parameters.js';
import { outputsOf } from './outputs.js';
import { ACCOUNT } from './placeholders.js';
import { isReadOnly } from './read-only.js';
import { checkNoPlaceholder, kubeRequestOf, refused } from './refusals.js';
import { resolveReturnedArns } from './returned-arns.js';
import type { Mentionable } from './string-values.js';
import { stringsIn } from './strings-in.js';
import type { CfnResource, CfnTemplate } from './template.js';
import { translateValues } from './translate-values.js';

export interface ExportRequest {
  /** A first deploy's plan (planned from an empty state). */
  plan: readonly PlannedCall[];
  targetId: string;
  projectName: string;
  /** The region the plan was made for: its ARNs and account-scoped names carry it. */
  region: string;
  mccVersion: string;
  /** The ImageUri parameter's default: the last pushed image, when there is one. */
  image?: string;
}

export interface ExportResult {
  template: CfnTemplate;
  /** Shared things the deploy makes sure exist, which the stack assumes rather than owns. */
  prerequisites: string[];
}

interface Building {
  rule: ResourceRule;
  name: string;
  arn?: string;
  properties: Record<string, unknown>;
  /** Resources created earlier that the plan waited for before this one. */
  after: Set<number>;
}

/**
 * A first deploy's plan as a CloudFormation template: every mutating call of the table becomes a
 * resource (a role's policies join the role), read-only calls are dropped (the plan's waits become
 * DependsOn), names and ARNs of resources made earlier become references, stand-ins become
 * pseudo-parameters and the ImageUri parameter, and the deployment's knobs become parameters.
 */
export function translatePlan(request: ExportRequest): ExportResult {
  const ids: PlanIds = {
    partition: partitionOf(request.region).id,
    region: request.region,
    account: ACCOUNT,
  };
  const built: Building[] = [];
  const prerequisites: string[] = [];
  const waitedFor = new Set<number>();
  for (const call of request.plan) {
    if (isPlannedKubeRequest(call)) {
      throw refused(
        request.targetId,
        `deploys through the Kubernetes API of a cluster (${kubeRequestOf(request.plan, call)} …)`,
      );
    }
    const aws: PlannedAwsCall = call;
    // A call another verb makes (a batch job, started by mcc invoke) is not part of the deployment.
    if (aws.madeBy) continue;
    const input = structuredClone(aws.input ?? {}) as Record<string, unknown>;
    const rule = ruleFor(aws.service, aws.operation);
    if (!rule) {
      if (!isReadOnly(aws.operation)) {
        throw refused(request.targetId, `calls ${aws.service} ${aws.operation} to deploy (${aws.purpose})`);
      }
      // A read of something made earlier: what comes next needs it finished (a wait for InService).
      const mentioned = stringsIn(input, new Set());
      built.forEach((b, i) => {
        if (mentioned.has(b.name) || (b.arn !== undefined && mentioned.has(b.arn))) waitedFor.add(i);
      });
      continue;
    }
    if (rule.kind === 'prerequisite') {
      prerequisites.push(rule.describe(input));
      continue;
    }
    if (rule.kind === 'amend') {
      const target = [...built]
        .reverse()
        .find((b) => b.rule.type === rule.type && b.name === input[rule.key]);
      if (!target) {
        throw refused(
          request.targetId,
          `calls ${aws.service} ${aws.operation} on ${String(input[rule.key])}, a resource its plan does not create`,
        );
      }
      rule.apply(target.properties, input);
      continue;
    }
    const name = String(input[rule.nameKey]);
    const properties = rule.properties ? rule.properties(input) : input;
    const arn = rule.arnOf?.(name, ids, input);
    built.push({ rule, name, ...(arn ? { arn } : {}), properties, after: new Set(waitedFor) });
  }

  if (built.length === 0) {
    throw usageError(
      'CFN_EMPTY',
      `The ${request.targetId} target's deploy creates nothing mcc export cloudformation can translate; nothing was written.`,
    );
  }
  const logical = logicalIds(built.map((b) => ({ word: b.rule.logicalName, label: b.name })));
  built.forEach((item, i) => link(item, built.slice(0, i), logical));
  const made = new Set(built.flatMap((b) => [b.name, ...(b.arn ? [b.arn] : [])]));
  const parameters = extractParameters(
    built.map((b, i) => ({ logicalId: logical[i]!, properties: b.properties })),
    request.image,
    (value) => made.has(value),
  );

  const resources: Record<string, CfnResource> = {};
  const needed = new Map<string, Set<string>>();
  const mentionable: Mentionable[] = [];
  built.forEach((item, i) => {
    const id = logical[i]!;
    const earlier = built.slice(0, i).map((b, j) => ({ rule: b.rule, logicalId: logical[j]! }));
    const nameProperty = item.rule.nameProperty ?? item.rule.nameKey;
    const input = resolveReturnedArns(item.properties, earlier) as Record<string, unknown>;
    if (item.rule.unnamed) delete input[nameProperty];
    const translated = translateValues(input, mentionable, ids);
    checkNoPlaceholder(translated.properties, `${item.rule.type} ${item.name}`);
    resources[id] = { Type: item.rule.type, Properties: translated.properties };
    needed.set(id, new Set([...translated.dependsOn, ...[...item.after].map((j) => logical[j]!)]));
    mentionable.push({ logicalId: id, identifiers: identifiersOf(item) });
  });
  reduceDependencies(resources, needed);

  const template: CfnTemplate = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `${request.projectName}: the ${request.targetId} deployment mcc deploy makes, exported by mcc ${request.mccVersion} (mcc export cloudformation).`,
    Parameters: parameters,
    Resources: ordered(resources),
    Outputs: outputsOf(built, logical),
  };
  return { template, prerequisites };
}

function identifiersOf(item: Building): Mentionable['identifiers'] {
  const withHandle = (text: string, handle: Handle | undefined) => ({ text, ...(handle ? { handle } : {}) });
  return [withHandle(item.name, item.rule.name), ...(item.arn ? [withHandle(item.arn, item.rule.arn)] : [])];
}

/** Type, DependsOn, Properties: the order people read a resource in. */
function ordered(resources: Record<string, CfnResource>): Record<string, CfnResource> {
  return Object.fromEntries(
    Object.entries(resources).map(([id, r]) => [
      id,
      { Type: r.Type, ...(r.DependsOn ? { DependsOn: r.DependsOn } : {}), Properties: r.Properties },
    ]),
  );
}
