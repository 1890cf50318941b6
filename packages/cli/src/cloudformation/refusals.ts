import { isPlannedKubeRequest, usageError } from '@mcc/sdk';
import type { PlannedCall, PlannedKubeRequest } from '@mcc/sdk';

import { OPERATIONS } from './operations.js';
import { leftoverPlaceholder } from './placeholders.js';
import { stringsIn } from './strings-in.js';
import type { CfnValue } from './template.js';

// The export's refusals: usage errors (exit 2) that name the target and what it cannot translate.

export function refused(targetId: string, what: string): Error {
  const known = Object.keys(OPERATIONS)
    .map((k) => k.replace(':', ' '))
    .join(', ');
  return usageError(
    'CFN_UNSUPPORTED',
    `The ${targetId} target ${what}, which a CloudFormation template cannot express; nothing was written.`,
    [`mcc export cloudformation translates these calls: ${known}.`, 'Deploy this project with `mcc deploy`.'],
  );
}

/** The request that shows a cluster deploy best: the first that changes something, else the first. */
export function kubeRequestOf(plan: readonly PlannedCall[], first: PlannedKubeRequest): string {
  const changing = plan.find((c): c is PlannedKubeRequest => isPlannedKubeRequest(c) && c.method !== 'GET');
  const shown = changing ?? first;
  return `${shown.method} ${shown.path}`;
}

/** Throws when a stand-in of the plan is left in a resource: a template must hold none. */
export function checkNoPlaceholder(value: CfnValue, where: string): void {
  const left = [...stringsIn(value, new Set())].map(leftoverPlaceholder).find(Boolean);
  if (left) {
    throw usageError(
      'CFN_PLACEHOLDER',
      `The plan's ${where} holds ${left}, a value only a real deploy knows, and the export has no CloudFormation equivalent for it; nothing was written.`,
    );
  }
}
