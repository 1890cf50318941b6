import { intrinsicOf } from './intrinsics.js';
import type { ResourceRule } from './operations.js';
import { returnedArnNoun } from './placeholders.js';
import { isRecord } from './template.js';

/** Resolves `<… ARN>` stand-ins to the latest earlier resource of that noun. */
export function resolveReturnedArns(
  value: unknown,
  earlier: readonly { rule: ResourceRule; logicalId: string }[],
): unknown {
  if (typeof value === 'string') {
    const noun = returnedArnNoun(value);
    if (!noun) return value;
    const source = [...earlier].reverse().find((e) => e.rule.noun === noun && e.rule.arn);
    return source ? intrinsicOf(source.logicalId, source.rule.arn!) : value;
  }
  if (Array.isArray(value)) return value.map((v) => resolveReturnedArns(v, earlier));
  if (isRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveReturnedArns(v, earlier)]));
  }
  return value;
}
