import type { KubeApi, KubeObject, KubeResource } from '@mcc/sdk';

export const PODS: KubeResource = { group: '', version: 'v1', plural: 'pods', namespaced: true };

interface ContainerStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  state?: { waiting?: { reason?: string; message?: string }; terminated?: { reason?: string } };
}

/** The parts of a Pod that status and logs read. */
export interface PodObject extends KubeObject {
  spec?: { containers?: { name: string; image?: string }[] };
  status?: {
    phase?: string;
    conditions?: { type?: string; status?: string }[];
    containerStatuses?: ContainerStatus[];
  };
}

/**
 * Whether a pod takes requests: its `Ready` condition, as Services route by it; a pod without
 * conditions (not yet reported by the kubelet) counts when it runs with every container ready.
 * A pod being deleted never counts.
 */
export function isPodReady(pod: PodObject): boolean {
  if (pod.metadata.deletionTimestamp) return false;
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
  if (ready) return ready.status === 'True';
  const statuses = pod.status?.containerStatuses ?? [];
  return pod.status?.phase === 'Running' && statuses.length > 0 && statuses.every((s) => s.ready === true);
}

/**
 * The deployment's pods, found through the label selector the operator reports in the object's
 * `status.selector` (the CRD's scale subresource reads the same one), so mcc never guesses which
 * labels the operator puts on its pods. No selector yet means no pods yet.
 */
export async function podsOf(
  api: KubeApi,
  namespace: string,
  selector: string | undefined,
): Promise<PodObject[]> {
  if (!selector) return [];
  const pods = await api.list<PodObject>(PODS, { namespace, labelSelector: selector });
  return pods.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
}

/**
 * The container serving the model: the one running the deployed image. The operator may add
 * sidecars, and the API refuses a log request for a pod of several containers without a name.
 */
export function modelContainer(pod: PodObject, image: string): string | undefined {
  const containers = pod.spec?.containers ?? [];
  return (containers.find((c) => c.image === image) ?? containers[0])?.name;
}

/** A pod's health in a few words: ready containers, restarts, and why one waits (CrashLoopBackOff). */
export function podDetail(pod: PodObject): string {
  const statuses = pod.status?.containerStatuses ?? [];
  const ready = statuses.filter((s) => s.ready === true).length;
  const restarts = statuses.reduce((sum, s) => sum + (s.restartCount ?? 0), 0);
  const waiting = statuses
    .map((s) => s.state?.waiting)
    .filter((w) => w?.reason)
    .map((w) => [w?.reason, w?.message].filter(Boolean).join(': '));
  return [
    `${ready}/${statuses.length || (pod.spec?.containers?.length ?? 0)} containers ready`,
    ...(restarts > 0 ? [`${restarts} restarts`] : []),
    ...waiting,
  ].join(', ');
}
