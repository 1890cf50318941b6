import { isMcError } from '@mcc/sdk';
import { describe, expect, it } from 'vitest';

import { xgboostContext } from '../src/context.js';
import { numpyFor, xgboostRequirements } from '../src/requirements.js';
import { projectInput } from './project-input.js';

/** Fields of the shared predictive context: the xgboost context must not return any of them. */
const SHARED = [
  'modelFileName',
  'modelFormat',
  'sample',
  'requirements',
  'debianPackages',
  'workers',
  'http',
];

describe('xgboostContext', () => {
  it('gives the framework parts and the template values for the sample', () => {
    const ctx = xgboostContext(projectInput({ source: 'sample' }));
    expect(ctx).toEqual({
      pip: [
        'xgboost-cpu==2.1.4; platform_machine == "x86_64"',
        'xgboost==2.1.4; platform_machine != "x86_64"',
        'scipy==1.14.1',
      ],
      numpy: '2.1.3',
      apt: ['libgomp1'],
      debian: ['python3-xgboost'],
      modelFormatName: 'JSON',
      preprocessFile: 'preprocess.json',
      xgboostVersion: '2.1.4',
      predictThreads: 0,
    });
    for (const key of SHARED) expect(ctx).not.toHaveProperty(key);
  });

  it('follows the options and the format of a local model', () => {
    const input = projectInput({
      source: 'local',
      format: 'model',
      fileName: 'model.bin',
      options: { 'xgboost-version': '1.7.6', 'predict-threads': 2 },
    });
    const ctx = xgboostContext(input);
    expect(ctx).toMatchObject({
      modelFormatName: 'the legacy binary format',
      predictThreads: 2,
      numpy: '1.26.4',
    });
    expect(ctx.pip).toEqual(['xgboost==1.7.6', 'scipy==1.14.1']);
  });

  it('pins numpy 2 and xgboost-cpu from 2.1 only', () => {
    expect(numpyFor('2.0.3')).toBe('1.26.4');
    expect(numpyFor('2.1')).toBe('2.1.3');
    expect(numpyFor('3.0.0')).toBe('2.1.3');
    expect(xgboostRequirements('2.0.3')[0]).toBe('xgboost==2.0.3');
    expect(xgboostRequirements('3.0.2')[0]).toMatch(/^xgboost-cpu==3\.0\.2; /);
  });

  it.each([
    ['a version that is not a release', { 'xgboost-version': 'latest' }, 'json', /"latest" is not a release/],
    ['a version older than 1.7', { 'xgboost-version': '1.6.2' }, 'json', /"1\.6\.2" is too old/],
    [
      'the legacy format with xgboost 3.1',
      { 'xgboost-version': '3.1.0' },
      'model',
      /model\.model.*removed in xgboost 3\.1/,
    ],
    ['a format xgboost lacks', {}, 'pkl', /no model format "pkl"; it takes json, ubj or model/],
  ])('refuses %s with a usage error naming the value', (_name, options, format, message) => {
    const input = projectInput({ source: 'local', format, fileName: `model.${format}`, options });
    try {
      xgboostContext(input);
      expect.unreachable();
    } catch (error) {
      expect(isMcError(error)).toBe(true);
      expect((error as Error).message).toMatch(message);
    }
  });

  it('takes the legacy format with xgboost 3.0', () => {
    const input = projectInput({
      source: 'local',
      format: 'model',
      fileName: 'model.model',
      options: { 'xgboost-version': '3.0.2' },
    });
    expect(xgboostContext(input).xgboostVersion).toBe('3.0.2');
  });
});
