import { namesReferenced } from './references-in.js';
import type { CfnResource } from './template.js';

/**
 * The `DependsOn` each resource needs: of the resources it must come after (`needed`), those it does
 * not already reach through its references or other dependencies. Throws on a cycle, which would mean
 * the plan's order was misread.
 */
export function reduceDependencies(
  resources: Record<string, CfnResource>,
  needed: ReadonlyMap<string, ReadonlySet<string>>,
): void {
  const ids = new Set(Object.keys(resources));
  const references = new Map<string, Set<string>>();
  for (const [id, resource] of Object.entries(resources)) {
    const named = [...namesReferenced(resource.Properties)].filter((name) => ids.has(name));
    references.set(id, new Set(named));
  }
  const edges = (id: string, skip?: string): string[] => [
    ...references.get(id)!,
    ...[...(needed.get(id) ?? [])].filter((d) => d !== skip && d !== id),
  ];
  const reaches = (from: string, to: string, skip: string): boolean => {
    const seen = new Set<string>();
    const stack = edges(from, skip);
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (next === to) return true;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...edges(next));
    }
    return false;
  };
  for (const id of ids) {
    if (reaches(id, id, '')) throw new Error(`the resources around ${id} depend on each other`);
  }
  for (const [id, resource] of Object.entries(resources)) {
    const direct = [...(needed.get(id) ?? [])].filter((d) => d !== id && !references.get(id)!.has(d)).sort();
    const kept = direct.filter((d) => !reaches(id, d, d));
    if (kept.length > 0) resource.DependsOn = kept;
  }
}
