import type { ResourceRule } from './operations.js';

interface Linkable {
  rule: ResourceRule;
  properties: Record<string, unknown>;
}

/** Replaces `linkTo` keys by a Ref to the earlier resource they name (the policy's scalable target). */
export function link(item: Linkable, built: readonly Linkable[], ids: readonly string[]): void {
  const spec = item.rule.linkTo;
  if (!spec) return;
  const index = built.findIndex(
    (other) =>
      other.rule.type === spec.type && spec.keys.every((k) => other.properties[k] === item.properties[k]),
  );
  if (index < 0) return;
  for (const key of spec.keys) delete item.properties[key];
  item.properties[spec.property] = { Ref: ids[index]! };
}
