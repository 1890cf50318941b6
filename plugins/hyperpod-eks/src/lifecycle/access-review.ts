import type { KubeApi } from '@mcc/sdk';

import { apiServerRefusal } from './raw-response.js';

/** Where a user asks the API server what they may do (`kubectl auth can-i` asks the same). */
export const SELF_SUBJECT_ACCESS_REVIEWS = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';

/** One "may I": a verb on a resource type, in a namespace unless cluster-wide. */
export interface AccessQuestion {
  verb: string;
  group: string;
  resource: string;
  namespace?: string;
}

export interface AccessAnswer {
  allowed: boolean;
  /** The authorizer's words, when it gave any (RBAC gives none for a plain no). */
  reason?: string;
}

/**
 * Asks the API server whether the caller may do something, without doing it: a
 * SelfSubjectAccessReview, which every authenticated user may create. It weighs RBAC and any
 * webhook authorizer as the real request would, so doctor can tell a deploy would be refused
 * before anything is created.
 */
export async function mayI(api: KubeApi, question: AccessQuestion): Promise<AccessAnswer> {
  const review = {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    spec: { resourceAttributes: { ...question } },
  };
  const response = await api.request({
    method: 'POST',
    path: SELF_SUBJECT_ACCESS_REVIEWS,
    body: JSON.stringify(review),
    contentType: 'application/json',
  });
  const refusal = apiServerRefusal(response);
  if (refusal) throw refusal;
  const status = (JSON.parse(response.body.toString('utf8')) as { status?: AccessAnswer }).status;
  return {
    allowed: status?.allowed === true,
    ...(status?.reason ? { reason: status.reason } : {}),
  };
}
