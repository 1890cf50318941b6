import { describe, expect, it } from 'vitest';
import type { OptionSpec } from '@mcc/sdk';

import { parseOptionValue, resolveOptions } from '../src/config/parse-options.js';

const specs: OptionSpec[] = [
  { key: 'workers', description: 'worker processes', type: 'integer', min: 0, max: 64, default: 0 },
  { key: 'ratio', description: 'a ratio', type: 'number', min: 0, max: 1 },
  { key: 'debug', description: 'debug logs', type: 'boolean', default: false },
  { key: 'mode', description: 'mode', type: 'enum', choices: ['fast', 'safe'], default: 'safe' },
  {
    key: 'version',
    description: 'version',
    type: 'string',
    pattern: /\d+\.\d+/,
    patternHint: 'a version such as 1.5',
  },
  { key: 'token-arn', description: 'a required ARN', type: 'string', required: true },
];

const given = (entries: Record<string, string | number | boolean>) =>
  new Map(
    Object.entries(entries).map(([k, v]) => [
      k,
      { value: v, source: 'flag' as const, origin: `--option ${k}=${String(v)}` },
    ]),
  );

describe('plugin options', () => {
  it('parses each type', () => {
    const spec = (key: string) => specs.find((s) => s.key === key)!;
    expect(parseOptionValue('p', spec('workers'), '4', 'x')).toBe(4);
    expect(parseOptionValue('p', spec('ratio'), '0.5', 'x')).toBe(0.5);
    expect(parseOptionValue('p', spec('debug'), 'yes', 'x')).toBe(true);
    expect(parseOptionValue('p', spec('debug'), false, 'x')).toBe(false);
    expect(parseOptionValue('p', spec('mode'), 'fast', 'x')).toBe('fast');
    expect(parseOptionValue('p', spec('version'), '1.5', 'x')).toBe('1.5');
  });

  it.each([
    ['workers', '4.5', /must be an integer in 0–64, not "4\.5"/],
    ['workers', '65', /must be an integer in 0–64, not "65"/],
    ['workers', '', /not ""/],
    ['ratio', 'abc', /must be a number in 0–1/],
    ['debug', 'maybe', /must be true or false, not "maybe"/],
    ['mode', 'quick', /must be fast or safe, not "quick"/],
    ['version', 'latest', /must be a version such as 1\.5, not "latest"/],
  ])('rejects %s=%s naming the value and what is accepted', (key, value, message) => {
    expect(() =>
      parseOptionValue(
        'sklearn',
        specs.find((s) => s.key === key)!,
        value,
        `--option ${key}=${value}`,
      ),
    ).toThrow(message);
  });

  it('fills defaults, records provenance and lists required options nobody set', () => {
    const result = resolveOptions([{ role: 'server', id: 'sklearn', specs }], given({ workers: '2' }));
    expect(result.values.server).toEqual({ workers: 2, debug: false, mode: 'safe' });
    expect(result.provenance.server!.workers).toMatchObject({ source: 'flag', value: 2 });
    expect(result.provenance.server!.mode).toMatchObject({ source: 'default', origin: 'sklearn' });
    expect(result.missing).toEqual([expect.stringContaining('token-arn')]);
  });

  it('rejects an unknown key listing every accepted key with its plugin, but ignores unknown env options', () => {
    const owners = [
      { role: 'server', id: 'sklearn', specs: specs.slice(0, 2) },
      {
        role: 'target',
        id: 'managed-inference',
        specs: [{ key: 'copies', description: 'c', type: 'integer' as const }],
      },
    ];
    expect(() => resolveOptions(owners, given({ wrokers: 1 }))).toThrow(
      /Unknown option "wrokers".*workers \(sklearn\), ratio \(sklearn\) and copies \(managed-inference\)/,
    );
    const env = new Map([['wrokers', { value: '1', source: 'env' as const, origin: 'MCC_OPTION_WROKERS' }]]);
    expect(resolveOptions(owners, env).values.server).toEqual({ workers: 0 });
  });

  it('asks for a prefix when two plugins declare a key, and accepts role or id prefixes', () => {
    const owners = [
      { role: 'server', id: 'sklearn', specs: [specs[0]!] },
      { role: 'target', id: 'managed-inference', specs: [specs[0]!] },
    ];
    expect(() => resolveOptions(owners, given({ workers: 1 }))).toThrow(
      /declared by sklearn and managed-inference: write it as server\.workers or target\.workers/,
    );
    const result = resolveOptions(owners, given({ 'server.workers': 3, 'managed-inference.workers': 4 }));
    expect(result.values).toEqual({ server: { workers: 3 }, target: { workers: 4 } });
  });
});
