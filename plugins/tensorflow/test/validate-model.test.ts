import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { validateModel } from '../src/validate-model.js';
import { python } from '../../../testkit/python.js';

const HDF5 = Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Zip archives as Keras 3 writes them (and one that is not a model), made with Python's zipfile. */
const MAKE_ZIPS = `
import zipfile
with zipfile.ZipFile("model.keras", "w") as z:
    z.writestr("metadata.json", '{"keras_version": "3.6.0"}')
    z.writestr("config.json", '{"class_name": "Sequential"}')
    z.writestr("model.weights.h5", b"\\x89HDF\\r\\n\\x1a\\n" + bytes(64))
with zipfile.ZipFile("commented.keras", "w") as z:
    z.comment = b"x" * 300
    z.writestr("config.json", "{}")
with zipfile.ZipFile("photos.keras", "w") as z:
    z.writestr("a.png", b"png")
`;

let dir: string;
const at = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcc-tensorflow-validate-'));
  const zips = await python(['-c', MAKE_ZIPS], dir);
  expect(zips.code, zips.output).toBe(0);
  await writeFile(at('model.h5'), Buffer.concat([HDF5, Buffer.alloc(256)]));
  await writeFile(at('userblock.hdf5'), Buffer.concat([Buffer.alloc(512), HDF5, Buffer.alloc(64)]));
  await writeFile(at('h5-as.keras'), Buffer.concat([HDF5, Buffer.alloc(256)]));
  await writeFile(at('truncated.keras'), Buffer.from('PK\x03\x04config.json', 'latin1'));
  await writeFile(at('empty.keras'), '');
  await writeFile(at('notes.h5'), 'just some notes\n');
  await writeFile(at('pickle.h5'), Buffer.from([0x80, 0x04, 0x4e, 0x2e]));
  for (const name of ['saved', 'saved-text', 'no-variables', 'only-variables', 'versions/1', 'plain']) {
    await mkdir(at(name), { recursive: true });
  }
  await writeFile(at('saved/saved_model.pb'), Buffer.from([0x08, 0x01]));
  await mkdir(at('saved/variables'));
  await writeFile(at('saved-text/saved_model.pbtxt'), 'saved_model_schema_version: 1\n');
  await mkdir(at('saved-text/variables'));
  await writeFile(at('no-variables/saved_model.pb'), Buffer.from([0x08, 0x01]));
  await mkdir(at('only-variables/variables'));
  await writeFile(at('versions/1/saved_model.pb'), Buffer.from([0x08, 0x01]));
  await writeFile(at('plain/readme.txt'), 'hello');
}, 30_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('validateModel accepts', () => {
  it.each([
    ['model.keras', 'keras'],
    ['commented.keras', 'keras'],
    ['model.h5', 'h5'],
    ['userblock.hdf5', 'h5'],
    ['saved', 'savedmodel'],
    ['saved-text', 'savedmodel'],
  ])('%s as %s', async (name, format) => {
    expect(await validateModel(at(name), format)).toBeUndefined();
  });
});

describe('validateModel refuses, naming the path, what it looks like and what was expected', () => {
  it.each([
    ['h5-as.keras', 'keras', /looks like an HDF5 file.*expects a Keras 3 model file.*--model-format h5/],
    [
      'model.keras',
      'h5',
      /looks like a Keras 3 model file, but format "h5" expects .*89 48 44 46.*--model-format keras/,
    ],
    ['photos.keras', 'keras', /zip archive that is not a Keras 3 model \(no config\.json; it holds a\.png\)/],
    ['truncated.keras', 'keras', /zip archive .*no readable list of entries/],
    ['empty.keras', 'keras', /looks like an empty file/],
    ['notes.h5', 'h5', /looks like a text file, but format "h5" expects .*HDF5/],
    ['pickle.h5', 'h5', /a Python pickle.*model\.save\("model\.keras"\)/],
    [
      'no-variables',
      'savedmodel',
      /incomplete SavedModel directory \(saved_model\.pb but no variables\/ folder\)/,
    ],
    [
      'only-variables',
      'savedmodel',
      /incomplete SavedModel directory \(variables\/ but no saved_model\.pb\)/,
    ],
    ['versions', 'savedmodel', /a SavedModel in its sub-folder 1\/; pass that folder/],
    ['plain', 'savedmodel', /not a SavedModel \(no saved_model\.pb\)/],
    ['saved', 'keras', /looks like a SavedModel directory.*--model-format savedmodel/],
    ['saved/saved_model.pb', 'savedmodel', /graph file alone.*Pass the directory/],
    ['model.h5', 'savedmodel', /HDF5 file.*expects a SavedModel directory/],
  ])('%s as %s', async (name, format, message) => {
    const problem = await validateModel(at(name), format);
    expect(problem).toContain(at(name));
    expect(problem).toMatch(message);
  });

  it('a path that is not there, and a format tensorflow lacks', async () => {
    expect(await validateModel(at('absent.keras'), 'keras')).toMatch(
      /Cannot read the model .*absent\.keras \(ENOENT\)/,
    );
    expect(await validateModel(at('model.keras'), 'onnx')).toMatch(/no model format "onnx"/);
  });
});
