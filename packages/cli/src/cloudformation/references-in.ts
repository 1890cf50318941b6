import { isRecord } from './template.js';
import type { CfnValue } from './template.js';

/** The Ref/GetAtt/Sub names of a value: logical ids, parameters and pseudo parameters alike. */
export function namesReferenced(value: CfnValue): Set<string> {
  const names = new Set<string>();
  const walk = (node: CfnValue): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (isRecord(node)) {
      for (const [key, item] of Object.entries(node)) {
        if (key === 'Ref' && typeof item === 'string') names.add(item);
        else if (key === 'Fn::GetAtt' && Array.isArray(item) && typeof item[0] === 'string')
          names.add(item[0]);
        else if (key === 'Fn::Sub' && typeof item === 'string') {
          for (const m of item.matchAll(/\$\{(?!!)([^}.]+)(?:\.[^}]+)?\}/g)) names.add(m[1]!);
        } else walk(item);
      }
    }
  };
  walk(value);
  return names;
}
