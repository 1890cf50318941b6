import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { projectInput } from './project-input.js';
import { python } from '../../../testkit/python.js';
import { SAMPLE_ONLY, renderProject } from './render-project.js';
import type { RenderedProject } from './render-project.js';

/**
 * Imports the rendered code/framework.py, loads the model in argv[1] and predicts 5 raw Abalone rows
 * as the shared handler sends them (an object batch); compares with xgboost's own predictions on
 * rows one-hot encoded here, independently of framework.py.
 */
const SAMPLE_DRIVER = `
import csv, sys
import numpy as np, xgboost
sys.path.insert(0, "code")
import framework
model_dir = sys.argv[1]
with open("sample/abalone.csv", newline="") as f:
    rows = [row[:-1] for row in list(csv.reader(f))[1:6]]
batch = np.array([[r[0]] + [float(v) for v in r[1:]] for r in rows], dtype=object)
got = np.asarray(framework.predict(framework.load(model_dir), batch, None))
encoded = np.array([[float(r[0] == s) for s in "FIM"] + [float(v) for v in r[1:]] for r in rows], dtype=np.float32)
booster = xgboost.Booster(model_file=model_dir + "/" + framework.MODEL_FILE)
want = booster.predict(xgboost.DMatrix(encoded, feature_names=booster.feature_names))
assert got.shape == (5,), got.shape
assert np.array_equal(got, want), (got, want)
print("sample ok", got.round(2).tolist())
`;

/** Trains a numeric model, saves it as argv[2] in argv[1], then serves a float batch through framework.py. */
const USER_DRIVER = `
import sys
import numpy as np, xgboost
sys.path.insert(0, "code")
import framework
model_dir, objective = sys.argv[1], sys.argv[2]
rng = np.random.default_rng(1)
x = rng.random((300, 5))
y = (x @ [1.0, -2.0, 3.0, 0.5, 0.0] > 1).astype(float) if objective.startswith("binary") else x @ [1.0, -2.0, 3.0, 0.5, 0.0]
booster = xgboost.train({"objective": objective, "max_depth": 3}, xgboost.DMatrix(x, label=y), 30)
path = model_dir + "/" + framework.MODEL_FILE
if framework.MODEL_FORMAT == "model":
    booster.save_model(path + ".deprecated")  # the legacy binary writer, then the project's name
    import os; os.replace(path + ".deprecated", path)
elif framework.MODEL_FORMAT == "ubj" and not path.endswith(".ubj"):
    booster.save_model(path + ".ubj"); import os; os.replace(path + ".ubj", path)
else:
    booster.save_model(path)
batch = rng.random((6, 5))  # float64, as the shared handler sends numeric rows
got = np.asarray(framework.predict(framework.load(model_dir), batch, None))
want = booster.predict(xgboost.DMatrix(batch))
assert got.shape == (6,), got.shape
assert np.allclose(got, want, rtol=1e-6, atol=0), (got, want)
with open(path, "rb") as f: print(framework.MODEL_FORMAT, f.read(4), "ok")
`;

const USER_SCENARIOS = [
  { format: 'json', fileName: 'model.json', objective: 'reg:squarederror' },
  { format: 'ubj', fileName: 'model.ubj', objective: 'binary:logistic' },
  { format: 'model', fileName: 'model.model', objective: 'reg:squarederror' },
  { format: 'model', fileName: 'model.bin', objective: 'binary:logistic' },
] as const;

const rendered: RenderedProject[] = [];
const render = async (input: Parameters<typeof renderProject>[0]) => {
  const project = await renderProject(input);
  rendered.push(project);
  return project;
};

afterAll(async () => {
  for (const project of rendered) await rm(project.dir, { recursive: true, force: true });
});

describe('the sample project', () => {
  let project: RenderedProject;
  let modelDir: string;
  let training: { code: number; output: string };

  beforeAll(async () => {
    project = await render(projectInput({ source: 'sample' }));
    modelDir = join(project.dir, 'model');
    training = await python(['sample/train.py', modelDir], project.dir);
  }, 120_000);

  it('renders the framework, the sample and its test, with no template syntax left', () => {
    const paths = project.files.map((file) => file.path).sort();
    expect(paths).toEqual(
      expect.arrayContaining([
        'code/framework.py',
        'model/README.md',
        ...SAMPLE_ONLY,
        'tests/test_framework.py',
      ]),
    );
    const texts = project.files
      .filter((file) => !file.path.endsWith('.csv'))
      .map((f) => [f.path, f.content.toString()]);
    texts.push(['README section', project.readme]);
    for (const [path, text] of texts) expect(text, path).not.toMatch(/\bundefined\b|\bNaN\b|<%|%>|\[object/);
    expect(project.files.find((file) => file.path === 'sample/train.py')?.mode).toBe(0o755);
    expect(project.readme).toContain('preprocess.json');
  });

  it('trains in seconds, prints a metric and writes the model and its preprocessing', () => {
    expect(training.code, training.output).toBe(0);
    expect(training.output).toMatch(/held-out \d+ rows: MAE \d+\.\d+ rings, R2 0\.\d+/);
    expect(training.output).toMatch(/wrote .*model\.json and preprocess\.json/);
  });

  it('predicts raw Abalone rows through framework.py exactly as xgboost does', async () => {
    const run = await python(['-c', SAMPLE_DRIVER, modelDir], project.dir);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain('sample ok');
  });

  it("passes the project's own tests/test_framework.py", async () => {
    // With the model trained above (SM_MODEL_DIR), so the sample is trained once per file.
    const args = ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'tests/test_framework.py'];
    const run = await python(args, project.dir, { SM_MODEL_DIR: modelDir });
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/4 passed, 1 skipped/); // the numeric-batch test is for user models
  }, 120_000);
});

describe.each(USER_SCENARIOS)(
  'a user model, $fileName ($format, $objective)',
  ({ format, fileName, objective }) => {
    it('loads and predicts a float batch through framework.py exactly as xgboost does', async () => {
      const project = await render(projectInput({ source: 'local', format, fileName }));
      const modelDir = join(project.dir, 'model');
      await mkdir(modelDir, { recursive: true });
      const paths = project.files.map((file) => file.path);
      expect(paths).toEqual(
        expect.arrayContaining(['code/framework.py', 'model/README.md', 'tests/test_framework.py']),
      );
      for (const path of SAMPLE_ONLY) expect(paths, path).not.toContain(path);
      const run = await python(['-c', USER_DRIVER, modelDir, objective], project.dir);
      expect(run.code, run.output).toBe(0);
      expect(run.output).toContain(`${format} `);
      const pytest = await python(
        ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'tests/test_framework.py'],
        project.dir,
      );
      expect(pytest.code, pytest.output).toBe(0);
      expect(pytest.output).toMatch(/2 passed, 3 skipped/);
    }, 60_000);
  },
);
