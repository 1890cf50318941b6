import { listOf, usageError } from '@mcc/sdk';
import type { OptionSpec, OptionValue } from '@mcc/sdk';

import type { ResolvedValue } from './settings.js';

/** Converts one raw value to the spec's type, or throws a usage error naming value and accepted form. */
export function parseOptionValue(
  owner: string,
  spec: OptionSpec,
  raw: OptionValue,
  origin: string,
): OptionValue {
  const where = `${owner} option "${spec.key}" (from ${origin})`;
  const text = String(raw).trim();
  switch (spec.type) {
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      if (/^(true|yes|1|on)$/i.test(text)) return true;
      if (/^(false|no|0|off)$/i.test(text)) return false;
      throw usageError('OPTION_BAD_VALUE', `${where} must be true or false, not "${text}".`);
    }
    case 'integer':
    case 'number': {
      const value = typeof raw === 'number' ? raw : text === '' ? Number.NaN : Number(text);
      const integerOk = spec.type === 'number' || Number.isInteger(value);
      const range = `${spec.min ?? '-∞'}–${spec.max ?? '∞'}`;
      if (
        !Number.isFinite(value) ||
        !integerOk ||
        (spec.min !== undefined && value < spec.min) ||
        (spec.max !== undefined && value > spec.max)
      ) {
        throw usageError(
          'OPTION_BAD_VALUE',
          `${where} must be ${spec.type === 'integer' ? 'an integer' : 'a number'} in ${range}, not "${text}".`,
        );
      }
      return value;
    }
    case 'enum': {
      const choices = spec.choices ?? [];
      if (!choices.includes(text)) {
        throw usageError('OPTION_BAD_VALUE', `${where} must be ${listOf(choices)}, not "${text}".`);
      }
      return text;
    }
    case 'string': {
      if (spec.pattern && !new RegExp(`^(?:${spec.pattern.source})$`, spec.pattern.flags).test(text)) {
        throw usageError(
          'OPTION_BAD_VALUE',
          `${where} must be ${spec.patternHint ?? `of the form ${spec.pattern.source}`}, not "${text}".`,
        );
      }
      if (text === '') throw usageError('OPTION_BAD_VALUE', `${where} must not be empty.`);
      return text;
    }
  }
}

export interface OptionOwner {
  /** `server` or `target`: the prefix accepted as `server.key=value`. */
  role: string;
  id: string;
  specs: readonly OptionSpec[];
}

export interface ResolvedOptions {
  /** Per owner role, the values (defaults included). */
  values: Record<string, Record<string, OptionValue>>;
  /** Per owner role and key, where the value came from. */
  provenance: Record<string, Record<string, ResolvedValue<OptionValue>>>;
  /** Required options nobody set, as `owner key` strings. */
  missing: string[];
}

/**
 * Assigns every given option to the plugin that declares it (a key may be prefixed with the owner's
 * role or id, `server.workers=4` or `sklearn.workers=4`, when two plugins declare the same key),
 * validates it, and fills defaults. An unknown key from a flag or config file is an error listing
 * the accepted keys; unknown environment options are ignored (the environment is shared).
 */
export function resolveOptions(
  owners: readonly OptionOwner[],
  given: Map<string, ResolvedValue<OptionValue>>,
): ResolvedOptions {
  const values: ResolvedOptions['values'] = {};
  const provenance: ResolvedOptions['provenance'] = {};
  for (const owner of owners) {
    values[owner.role] = {};
    provenance[owner.role] = {};
  }
  for (const [rawKey, hit] of given) {
    const dot = rawKey.indexOf('.');
    const prefix = dot > 0 ? rawKey.slice(0, dot) : undefined;
    const key = dot > 0 ? rawKey.slice(dot + 1) : rawKey;
    const candidates = owners.filter(
      (o) =>
        (prefix === undefined || prefix === o.role || prefix === o.id) && o.specs.some((s) => s.key === key),
    );
    if (candidates.length === 0) {
      if (hit.source === 'env') continue;
      const accepted = owners.flatMap((o) => o.specs.map((s) => `${s.key} (${o.id})`));
      throw usageError(
        'OPTION_UNKNOWN',
        `Unknown option "${rawKey}" (from ${hit.origin}). Accepted: ${listOf(accepted, 'and')}.`,
        ['Run `mcc generate --help` for every option and its values.'],
      );
    }
    if (candidates.length > 1) {
      throw usageError(
        'OPTION_AMBIGUOUS',
        `Option "${key}" is declared by ${listOf(
          candidates.map((c) => c.id),
          'and',
        )}: write it as ${listOf(candidates.map((c) => `${c.role}.${key}`))}.`,
      );
    }
    const owner = candidates[0]!;
    const spec = owner.specs.find((s) => s.key === key)!;
    values[owner.role]![key] = parseOptionValue(owner.id, spec, hit.value, hit.origin ?? hit.source);
    provenance[owner.role]![key] = { ...hit, value: values[owner.role]![key]! };
  }
  const missing: string[] = [];
  for (const owner of owners) {
    for (const spec of owner.specs) {
      if (values[owner.role]![spec.key] !== undefined) continue;
      if (spec.default !== undefined) {
        values[owner.role]![spec.key] = spec.default;
        provenance[owner.role]![spec.key] = { value: spec.default, source: 'default', origin: owner.id };
      } else if (spec.required) {
        missing.push(`--option ${spec.key}=… (${owner.id}: ${spec.description})`);
      }
    }
  }
  return { values, provenance, missing };
}
