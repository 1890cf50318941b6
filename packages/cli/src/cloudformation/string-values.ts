import type { Handle, PlanIds } from './operations.js';
import { ACCOUNT, DEPLOY_SUFFIX } from './placeholders.js';
import { intrinsicOf, subLiteral, subVariableOf } from './intrinsics.js';
import type { CfnValue } from './template.js';

/** A resource created earlier in the plan, as later strings may mention it. */
export interface Mentionable {
  logicalId: string;
  /** Its name and ARN as the plan writes them, and how the template reaches each (if it can). */
  identifiers: readonly { text: string; handle?: Handle }[];
}

/**
 * How much of a string is read for references: `identifier` values (names, ARNs, resource ids) in
 * full; `opaque` values (a container's environment) only when the whole value is an identifier;
 * `text` (descriptions, tags) not at all. Stand-ins are replaced in all three.
 */
export type ReadMode = 'identifier' | 'opaque' | 'text';

export interface StringResult {
  value: CfnValue;
  /** Resources the string names that the template cannot reference (it keeps their name). */
  dependsOn: string[];
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One string of a call's input as the template writes it: a resource created earlier becomes `Ref` or
 * `Fn::GetAtt` when the string is its name or ARN, and a variable of `Fn::Sub` when the string embeds
 * it; the account stand-in becomes `${AWS::AccountId}`, and in the strings that hold it (what the
 * plan derived for the deploying account) the partition of ARNs `${AWS::Partition}` and the region
 * `${AWS::Region}`. A value the user gave (a secret's ARN) names one real thing and stays literal.
 */
export function translateString(
  value: string,
  earlier: readonly Mentionable[],
  ids: PlanIds,
  mode: ReadMode,
): StringResult {
  if (mode !== 'text') {
    // The latest resource wins should two carry the same name (a later one depends on the earlier).
    for (const resource of [...earlier].reverse()) {
      const found = resource.identifiers.find((i) => i.text === value);
      if (found) {
        return found.handle
          ? { value: intrinsicOf(resource.logicalId, found.handle), dependsOn: [] }
          : { value, dependsOn: [resource.logicalId] };
      }
    }
  }
  const mentions = new Map<string, { variable?: string; logicalId: string }>();
  if (mode === 'identifier') {
    for (const resource of earlier) {
      for (const identifier of resource.identifiers) {
        mentions.set(identifier.text, {
          logicalId: resource.logicalId,
          ...(identifier.handle ? { variable: subVariableOf(resource.logicalId, identifier.handle) } : {}),
        });
      }
    }
  }
  const scoped = value.includes(ACCOUNT);
  const names = [...mentions.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b));
  const alternatives = [
    // Names and ARNs stand alone: `abalone` is in `endpoint/abalone/variant`, not in `abalone-ic`.
    ...(names.length > 0 ? [`(?<![\\w-])(?:${names.map(escape).join('|')})(?![\\w-])`] : []),
    escape(DEPLOY_SUFFIX),
    escape(ACCOUNT),
    ...(scoped
      ? [
          `(?<![A-Za-z0-9])arn:${escape(ids.partition)}:`,
          `(?<![A-Za-z0-9])${escape(ids.region)}(?![A-Za-z0-9])`,
        ]
      : []),
  ];
  const pattern = new RegExp(alternatives.join('|'), 'g');
  const dependsOn: string[] = [];
  let out = '';
  let last = 0;
  let substituted = false;
  for (const match of value.matchAll(pattern)) {
    const text = match[0];
    out += subLiteral(value.slice(last, match.index));
    last = match.index + text.length;
    const mention = mentions.get(text);
    if (mention && !mention.variable) {
      dependsOn.push(mention.logicalId);
      out += subLiteral(text);
      continue;
    }
    if (text === DEPLOY_SUFFIX) continue;
    substituted = true;
    let replacement: string;
    if (mention?.variable) replacement = mention.variable;
    else if (text === ACCOUNT) replacement = '${AWS::AccountId}';
    else if (text.startsWith('arn:')) replacement = 'arn:${AWS::Partition}:';
    else replacement = '${AWS::Region}';
    out += replacement;
  }
  out += subLiteral(value.slice(last));
  if (!substituted) return { value: value.replaceAll(DEPLOY_SUFFIX, ''), dependsOn };
  return { value: { 'Fn::Sub': out }, dependsOn };
}
