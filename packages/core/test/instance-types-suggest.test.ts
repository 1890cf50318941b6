import { describe, expect, it } from 'vitest';
import { isMcError } from '@mcc/sdk';
import {
  invalidInstanceTypeError,
  isRealtimeInstanceType,
  realtimeInstanceTypes,
  suggestInstanceTypes,
} from '../src/catalog/realtime-types.js';
import { editDistance } from '../src/catalog/edit-distance.js';

describe('isRealtimeInstanceType', () => {
  it('accepts types exactly as the SDK spells them', () => {
    expect(isRealtimeInstanceType('ml.m5.large')).toBe(true);
    expect(isRealtimeInstanceType('ml.g5.12xlarge')).toBe(true);
    expect(isRealtimeInstanceType('ml.m7i.48xlarge')).toBe(true);
  });

  it('refuses near misses, other spellings and non-real-time types', () => {
    for (const bad of ['m5.large', 'ML.M5.LARGE', ' ml.m5.large', 'ml.m5.larg', 'ml.t3.medium', '']) {
      expect(isRealtimeInstanceType(bad), bad).toBe(false);
    }
  });

  it('serves a sorted list without duplicates', () => {
    const list = realtimeInstanceTypes();
    expect([...list].sort()).toEqual(list);
    expect(new Set(list).size).toBe(list.length);
  });
});

describe('suggestInstanceTypes', () => {
  it.each([
    ['ml.m5.larg', 'ml.m5.large'],
    ['ml.m5.lagre', 'ml.m5.large'],
    ['m5.large', 'ml.m5.large'],
    ['ML.M5.LARGE', 'ml.m5.large'],
    ['ml.g5.12xlarg', 'ml.g5.12xlarge'],
    ['g5.2xlarge', 'ml.g5.2xlarge'],
  ])('puts the intended type first for %s', (typed, intended) => {
    expect(suggestInstanceTypes(typed)[0]).toBe(intended);
  });

  it('offers every equally close type when a typo is ambiguous', () => {
    // One edit from each: a doubled x, or a 2 or a 4 typed as x.
    expect(suggestInstanceTypes('ml.m5.xxlarge').sort()).toEqual([
      'ml.m5.2xlarge',
      'ml.m5.4xlarge',
      'ml.m5.xlarge',
    ]);
  });

  it('offers only a few accepted types', () => {
    const close = suggestInstanceTypes('ml.c5.larg');
    expect(close.length).toBeGreaterThan(1);
    expect(close.length).toBeLessThanOrEqual(3);
    for (const type of close) expect(isRealtimeInstanceType(type)).toBe(true);
    expect(suggestInstanceTypes('ml.c5.larg', 5)).toHaveLength(5);
  });

  it('suggests nothing for a value unlike every type', () => {
    expect(suggestInstanceTypes('banana')).toEqual([]);
    expect(suggestInstanceTypes('')).toEqual([]);
    expect(suggestInstanceTypes('   ')).toEqual([]);
  });
});

describe('invalidInstanceTypeError', () => {
  it('is a usage error naming the value, its origin, what is accepted and the closest types', () => {
    const error = invalidInstanceTypeError('ml.m5.larg', '--instance-type');
    expect(isMcError(error)).toBe(true);
    expect(error.code).toBe('INVALID_INSTANCE_TYPE');
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('"ml.m5.larg" (from --instance-type)');
    expect(error.message).toContain(`${realtimeInstanceTypes().length} ml.<family>.<size> types`);
    expect(error.suggestions[0]).toMatch(/^Did you mean ml\.m5\.large\b/);
  });

  it('still says how to go on when nothing is close', () => {
    const error = invalidInstanceTypeError('banana');
    expect(error.message).not.toContain('(from');
    expect(error.suggestions).toHaveLength(1);
    expect(error.suggestions[0]).toContain('mcc size');
  });
});

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['', 'abc', 3],
    ['large', 'large', 0],
    ['large', 'larg', 1],
    ['large', 'lagre', 1],
    ['kitten', 'sitting', 3],
  ])('%s → %s is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});
