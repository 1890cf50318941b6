import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { describeModelBytes } from '../src/model-bytes.js';
import { validateModel } from '../src/validate-model.js';
import { python } from '../../../testkit/python.js';

/** Real files from xgboost: big (head and tail read) and small (parsed whole) models, and a pickle. */
const MAKE_MODELS = `
import json, pickle, sys
import numpy as np, xgboost
rng = np.random.default_rng(0)
x = rng.random((200, 4)); y = x @ [1.0, 2.0, 3.0, 4.0]
data = xgboost.DMatrix(x, label=y)
big = xgboost.train({"max_depth": 4}, data, 20)
small = xgboost.train({"max_depth": 1}, data, 2)
big.save_model("big.json"); big.save_model("big.ubj")
big.save_model("big.deprecated")  # the legacy binary in every version that still writes it
small.save_model("small.json")
with open("small.json") as f: document = json.load(f)
with open("pretty.json", "w") as f: json.dump(document, f, indent=2)
with open("pickle.json", "wb") as f: pickle.dump(big, f)
print(xgboost.__version__)
`;

let dir: string;
const at = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcc-xgboost-validate-'));
  const run = await python(['-c', MAKE_MODELS], dir);
  expect(run.code, run.output).toBe(0);
  const big = { json: await readFile(at('big.json')), ubj: await readFile(at('big.ubj')) };
  await writeFile(at('big.model'), await readFile(at('big.deprecated')));
  await writeFile(at('ubj-as.model'), big.ubj);
  await writeFile(at('not-model.json'), '{"hello": "world", "items": [1, 2, 3]}\n');
  await writeFile(at('array.json'), '[1, 2, 3]');
  await writeFile(at('truncated.json'), big.json.subarray(0, big.json.length / 2));
  await writeFile(at('truncated-small.json'), (await readFile(at('small.json'))).subarray(0, 300));
  await writeFile(at('truncated.ubj'), big.ubj.subarray(0, big.ubj.length - 100));
  await writeFile(at('truncated.model'), (await readFile(at('big.model'))).subarray(0, 100));
  await writeFile(at('empty.json'), '');
  await writeFile(at('archive.bin'), Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(64)]));
  await writeFile(at('model.tar.gz.model'), gzipSync(big.ubj));
  await writeFile(at('notes.model'), 'just some notes\n');
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('validateModel accepts what xgboost writes', () => {
  it.each([
    ['big.json', 'json'],
    ['small.json', 'json'],
    ['pretty.json', 'json'],
    ['big.ubj', 'ubj'],
    ['big.model', 'model'],
  ])('%s as %s', async (file, format) => {
    expect(await validateModel(at(file), format)).toBeUndefined();
  });

  it('recognises the legacy binary by its header and names', async () => {
    const head = await readFile(at('big.model'));
    expect(head.subarray(0, 4).toString()).toBe('binf');
    expect(describeModelBytes({ head, tail: head, size: head.length })).toEqual({
      kind: 'model',
      detail: 'objective reg:squarederror, booster gbtree',
    });
    // Without the optional "binf" (older writers), the names after the 136-byte header still match.
    const bare = head.subarray(4);
    expect(describeModelBytes({ head: bare, tail: bare, size: bare.length }).kind).toBe('model');
  });
});

describe('validateModel refuses, naming the file, what it is and what was expected', () => {
  it.each([
    [
      'not-model.json',
      'json',
      /not-model\.json looks like JSON that is not an XGBoost model \(no "learner" object\), but format "json" expects/,
    ],
    ['array.json', 'json', /array\.json looks like JSON that is not an XGBoost model \(an array\)/],
    [
      'pickle.json',
      'json',
      /pickle\.json looks like a Python pickle \(of an xgboost object\).*save_model\("model\.ubj"\)/,
    ],
    [
      'truncated.json',
      'json',
      /truncated\.json is an XGBoost model saved as JSON but ends early .* truncated/,
    ],
    ['truncated-small.json', 'json', /truncated-small\.json .* truncated/],
    ['truncated.ubj', 'ubj', /truncated\.ubj is an XGBoost model saved as UBJSON but ends early/],
    [
      'truncated.model',
      'model',
      /truncated\.model is an XGBoost model in the legacy binary format but ends early/,
    ],
    [
      'ubj-as.model',
      'model',
      /ubj-as\.model looks like an XGBoost model saved as UBJSON, but format "model" expects .*legacy binary.*--model-format ubj/,
    ],
    [
      'big.json',
      'ubj',
      /big\.json looks like an XGBoost model saved as JSON, but format "ubj" expects .*--model-format json/,
    ],
    [
      'big.model',
      'json',
      /big\.model looks like an XGBoost model in the legacy binary format .*--model-format model/,
    ],
    ['empty.json', 'json', /empty\.json looks like an empty file/],
    ['archive.bin', 'model', /archive\.bin looks like a zip archive/],
    ['model.tar.gz.model', 'model', /looks like a gzip archive/],
    ['notes.model', 'model', /notes\.model looks like text that is not JSON/],
  ])('%s as %s', async (file, format, message) => {
    const problem = await validateModel(at(file), format);
    expect(problem).toMatch(message);
    expect(problem).toContain(at(file));
  });

  it('a file that does not exist', async () => {
    expect(await validateModel(at('absent.json'), 'json')).toMatch(
      /Cannot read the model file .*absent\.json \(ENOENT\)/,
    );
  });

  it('a format xgboost does not have', async () => {
    expect(await validateModel(at('big.json'), 'pkl')).toMatch(
      /big\.json: xgboost has no model format "pkl"/,
    );
  });
});
