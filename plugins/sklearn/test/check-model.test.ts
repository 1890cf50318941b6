import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { checkSklearnModel } from '../src/check-model.js';

let dir: string;

/** Real files from Debian's python: a pickle, joblib dumps plain and compressed. */
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcc-sklearn-check-'));
  const script = `
import pickle, sys, joblib
from sklearn.linear_model import LinearRegression
m = LinearRegression().fit([[0], [1], [2]], [0, 1, 2])
d = sys.argv[1]
pickle.dump(m, open(d + "/m.pkl", "wb"))
joblib.dump(m, d + "/m.joblib")
joblib.dump(m, d + "/mz.joblib", compress=3)
joblib.dump(m, d + "/mgz.joblib", compress=("gzip", 3))
`;
  const run = spawnSync('/usr/bin/python3', ['-c', script, dir], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  await writeFile(join(dir, 'keras.pkl'), Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(60)]));
  await writeFile(join(dir, 'h5.joblib'), Buffer.from('\u0089HDF\r\n\u001a\n\u0000\u0000', 'latin1'));
  await writeFile(join(dir, 'xgb.pkl'), '{"learner": {}}');
  await writeFile(join(dir, 'legacy.pkl'), '(lp0\nI1\na.'); // protocol 0 pickle: no magic
});

describe('checkSklearnModel', () => {
  it.each([
    ['m.pkl', 'pkl'],
    ['m.joblib', 'joblib'],
    ['mz.joblib', 'joblib'],
    ['mgz.joblib', 'joblib'],
    ['m.pkl', 'joblib'],
    ['legacy.pkl', 'pkl'],
  ])('accepts %s as %s', async (file, format) => {
    expect(await checkSklearnModel(join(dir, file), format)).toBeUndefined();
  });

  it.each([
    ['keras.pkl', 'pkl', /looks like a zip archive .* expects a Python pickle/],
    ['h5.joblib', 'joblib', /looks like an HDF5 file .* expects a joblib dump/],
    ['xgb.pkl', 'pkl', /looks like JSON/],
    [
      'mz.joblib',
      'pkl',
      /compressed data, but format "pkl" expects a Python pickle\. Compressed dumps are read as joblib: pass --model-format joblib\./,
    ],
  ])('refuses %s as %s, naming the file and what it looks like', async (file, format, message) => {
    const problem = await checkSklearnModel(join(dir, file), format);
    expect(problem).toMatch(message);
    expect(problem).toContain(join(dir, file));
  });
});
