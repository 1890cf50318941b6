import { isMcError } from '@mcc/sdk';
import { describe, expect, it } from 'vitest';

import { tensorflowContext } from '../src/context.js';
import { TENSORFLOW_FORMATS } from '../src/formats.js';
import { tensorflowOptions } from '../src/options.js';
import { numpyForTensorflow } from '../src/requirements.js';
import { tensorflowServer } from '../src/server.js';
import { projectInput } from './project-input.js';

describe('tensorflowContext', () => {
  it('gives the framework parts and the template values for the sample', () => {
    expect(tensorflowContext(projectInput({ source: 'sample' }))).toEqual({
      pip: [
        'tensorflow-cpu==2.18.0; platform_machine == "x86_64"',
        'tensorflow==2.18.0; platform_machine != "x86_64"',
      ],
      numpy: '2.0.2',
      apt: [],
      debian: [],
      modelFormatName: 'a Keras 3 .keras file',
      kerasFile: true,
      preprocessFile: 'preprocess.json',
      tensorflowVersion: '2.18.0',
    });
  });

  it('marks a SavedModel and pins the numpy each release accepts', () => {
    const input = projectInput({
      source: 'local',
      format: 'savedmodel',
      fileName: 'export',
      options: { 'tensorflow-version': '2.16.2' },
    });
    expect(tensorflowContext(input)).toMatchObject({
      kerasFile: false,
      numpy: '1.26.4',
      tensorflowVersion: '2.16.2',
    });
    expect(numpyForTensorflow('2.17.1')).toBe('1.26.4');
    expect(numpyForTensorflow('2.19.0')).toBe('2.1.3');
  });

  it.each([
    [
      'a version that is not a release',
      { 'tensorflow-version': 'latest' },
      'keras',
      /"latest" is not a release/,
    ],
    [
      'a version without Python 3.12 wheels',
      { 'tensorflow-version': '2.15.1' },
      'keras',
      /"2\.15\.1" is too old/,
    ],
    ['a format tensorflow lacks', {}, 'onnx', /no model format "onnx"; it takes keras, h5 or savedmodel/],
  ])('refuses %s with a usage error naming the value', (_name, options, format, message) => {
    const input = projectInput({ source: 'local', format, fileName: `model.${format}`, options });
    try {
      tensorflowContext(input);
      expect.unreachable();
    } catch (error) {
      expect(isMcError(error)).toBe(true);
      expect((error as Error).message).toMatch(message);
    }
  });

  it('merges into the shared context: requirements, ~4 bytes per model byte, thread-safe workers', () => {
    const ctx = tensorflowServer.context(projectInput({ source: 'local', format: 'h5', fileName: 'm.h5' }));
    expect(ctx.requirements.slice(0, 3)).toEqual([
      'tensorflow-cpu==2.18.0; platform_machine == "x86_64"',
      'tensorflow==2.18.0; platform_machine != "x86_64"',
      'numpy==2.0.2',
    ]);
    expect(ctx.framework).toBe('TensorFlow');
    expect(tensorflowServer.memoryPerModelByte).toBe(4);
  });
});

describe('options and formats', () => {
  it('declare tensorflow-version with a release pattern and default', () => {
    const [version] = tensorflowOptions;
    expect(version).toMatchObject({ key: 'tensorflow-version', type: 'string', default: '2.18.0' });
    for (const good of ['2.18', '2.18.0', '2.16.2']) expect(version?.pattern?.test(good)).toBe(true);
    for (const bad of ['2', '2.18.0rc1', 'latest', '2.18.0; rm -rf /'])
      expect(version?.pattern?.test(bad)).toBe(false);
  });

  it('are keras and h5 files and a savedmodel directory', () => {
    expect(TENSORFLOW_FORMATS.map((f) => [f.id, f.layout, f.extensions])).toEqual([
      ['keras', 'file', ['.keras']],
      ['h5', 'file', ['.h5', '.hdf5']],
      ['savedmodel', 'directory', []],
    ]);
  });
});
