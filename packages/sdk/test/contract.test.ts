import { describe, expect, it } from 'vitest';

import { McError, isMcError, json, listOf, py, sh, usageError, yaml } from '../src/index.js';

describe('escaping helpers', () => {
  it.each([
    ['plain-word_1.2:/x', 'plain-word_1.2:/x'],
    ['two words', "'two words'"],
    ["it's", "'it'\\''s'"],
    ['$(rm -rf /)', "'$(rm -rf /)'"],
    ['', "''"],
  ])('sh(%j) is %s', (input, expected) => {
    expect(sh(input)).toBe(expected);
  });

  it('writes JSON, Python and YAML literals', () => {
    expect(json({ a: [1, 'x'] })).toBe('{"a":[1,"x"]}');
    expect(py('a"b')).toBe('"a\\"b"');
    expect(py(true)).toBe('True');
    expect(py(null)).toBe('None');
    expect(py(Number.NaN)).toBe('None');
    expect(py(3)).toBe('3');
    expect(yaml('yes')).toBe('"yes"');
    expect(yaml(8080)).toBe('"8080"');
  });
});

describe('McError', () => {
  it('is recognised by its brand, even from another copy of the sdk', () => {
    const error = usageError('X', 'bad', ['fix it']);
    expect(error).toMatchObject({ code: 'X', exitCode: 2, suggestions: ['fix it'], message: 'bad' });
    expect(isMcError(error)).toBe(true);
    const fromAnotherCopy = Object.assign(new Error('m'), { mccError: true, code: 'Y' });
    expect(isMcError(fromAnotherCopy)).toBe(true);
    expect(isMcError(new Error('plain'))).toBe(false);
    expect(new McError('m', { code: 'Z' }).exitCode).toBe(1);
  });

  it('lists accepted values in words', () => {
    expect(listOf([])).toBe('(none)');
    expect(listOf(['a'])).toBe('a');
    expect(listOf(['a', 'b', 'c'])).toBe('a, b or c');
    expect(listOf(['a', 'b'], 'and')).toBe('a and b');
  });
});
