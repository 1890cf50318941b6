/**
 * The stand-ins a plan writes for what only a real deploy knows (DeployOptions' planDeploy is pure),
 * and what each becomes in a template.
 */

import { PLAN_ACCOUNT, PLAN_IMAGE, PLAN_SUFFIX } from '@mcc/sdk';

/** The deploying account: `${AWS::AccountId}`. */
export const ACCOUNT = PLAN_ACCOUNT;
/** The per-deploy suffix of names that change with every deploy; a stack names those itself. */
export const DEPLOY_SUFFIX = PLAN_SUFFIX;
/** The image no push has recorded yet: the ImageUri parameter. */
export const IMAGE = PLAN_IMAGE;

/** `<scale-out policy ARN>`: the ARN a call returned (PutScalingPolicy's), named by its noun. */
const RETURNED_ARN = /^<[^<>]*\b([a-z]+) ARN>$/;

/** The noun of a returned-ARN stand-in (`policy`), or undefined. */
export function returnedArnNoun(value: string): string | undefined {
  return RETURNED_ARN.exec(value)?.[1];
}

/** Any stand-in still in a string after translation (none may reach a template). */
const ANY = /<[a-z][^<>]*>/i;

export function leftoverPlaceholder(value: string): string | undefined {
  return ANY.exec(value)?.[0];
}
