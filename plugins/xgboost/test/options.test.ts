import { describe, expect, it } from 'vitest';

import { XGBOOST_FORMATS } from '../src/formats.js';
import { xgboostOptions } from '../src/options.js';

const spec = (key: string) => xgboostOptions.find((option) => option.key === key)!;

describe('options', () => {
  it('declares xgboost-version and predict-threads with defaults and bounds', () => {
    expect(xgboostOptions.map((option) => option.key)).toEqual(['xgboost-version', 'predict-threads']);
    expect(spec('xgboost-version')).toMatchObject({ type: 'string', default: '2.1.4' });
    expect(spec('predict-threads')).toMatchObject({ type: 'integer', min: 0, max: 256, default: 0 });
    for (const option of xgboostOptions) expect(option.description.length).toBeGreaterThan(10);
  });

  it('accepts release numbers only for xgboost-version', () => {
    const pattern = spec('xgboost-version').pattern!;
    for (const good of ['2.1', '2.1.4', '1.7.6', '3.0.0']) expect(pattern.test(good)).toBe(true);
    for (const bad of ['2', '2.1.4rc1', 'latest', '2.1.4; rm -rf /', ' 2.1.4'])
      expect(pattern.test(bad)).toBe(false);
  });
});

describe('formats', () => {
  it('are json, ubj and the legacy binary model, each a single file', () => {
    expect(XGBOOST_FORMATS.map((format) => format.id)).toEqual(['json', 'ubj', 'model']);
    for (const format of XGBOOST_FORMATS) {
      expect(format.layout).toBe('file');
      for (const ext of format.extensions) expect(ext).toMatch(/^\.[a-z]+$/);
    }
    const all = XGBOOST_FORMATS.flatMap((format) => format.extensions);
    expect(new Set(all).size).toBe(all.length);
  });
});
