import type { KubeResource } from './kube.js';

/**
 * The API path of a resource type, or of one object of it: `/apis/<group>/<version>[/namespaces/<ns>]/<plural>[/<name>]`
 * (`/api/v1/…` for the core group). Core's client sends its requests to these paths and targets'
 * plans print them, so a plan names exactly the paths a run requests.
 */
export function kubePath(resource: KubeResource, namespace?: string, name?: string): string {
  const base = resource.group ? `/apis/${resource.group}/${resource.version}` : `/api/${resource.version}`;
  const scope = resource.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${scope}/${resource.plural}${name === undefined ? '' : `/${encodeURIComponent(name)}`}`;
}
