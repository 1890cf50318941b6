import { rm } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { python } from '../../../testkit/python.js';
import { SCENARIOS, projectInput } from './helpers/input.js';
import { renderProject } from './helpers/render.js';
import type { RenderedProject } from './helpers/render.js';

let project: RenderedProject;

beforeAll(async () => {
  project = await renderProject(projectInput(SCENARIOS.find((s) => s.name === 'fil')!));
});

afterAll(async () => {
  await rm(project.dir, { recursive: true, force: true });
});

const CHECK = `
import json, sys
import numpy as np, xgboost
booster = xgboost.Booster()
booster.load_model(sys.argv[1])
payload = json.load(open(sys.argv[2]))["inputs"][0]
rows = np.array(payload["data"], dtype=np.float32).reshape(payload["shape"])
print(json.dumps({"features": booster.num_features(), "predictions": booster.predict(xgboost.DMatrix(rows)).tolist()}))
`;

describe('the FIL sample', () => {
  it('trains an XGBoost JSON model at the name FIL looks for, taking the payload’s 10 features', async () => {
    const out = join(project.dir, 'out');
    const train = await python(['sample/train.py', out], project.dir);
    expect(train.code, train.output).toBe(0);
    const check = await python(
      ['-c', CHECK, join(out, 'xgboost.json'), 'tests/payloads/abalone.json'],
      project.dir,
    );
    expect(check.code, check.output).toBe(0);
    const result = JSON.parse(check.output.trim().split('\n').pop()!) as {
      features: number;
      predictions: number[];
    };
    expect(result.features).toBe(10);
    expect(result.predictions).toHaveLength(5);
    for (const value of result.predictions) expect(value).toBeGreaterThan(3);
  }, 120_000);
});
