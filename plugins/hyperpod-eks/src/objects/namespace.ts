import { MANAGED_BY, PROJECT_LABEL } from '../names.js';
import type { NamespaceObject } from './types.js';

/**
 * The namespace the deployment lives in. `mcc deploy` creates it only when it is missing and
 * records that, so `mcc destroy` never deletes a namespace it did not make.
 */
export function buildNamespace(name: string, project: string): NamespaceObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { [MANAGED_BY.key]: MANAGED_BY.value, [PROJECT_LABEL]: project } },
  };
}
