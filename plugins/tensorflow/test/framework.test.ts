import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { projectInput } from './project-input.js';
import { python } from '../../../testkit/python.js';
import { renderProject } from './render-project.js';
import type { RenderedProject } from './render-project.js';
import { writeTensorflowStub } from './tf-stub.js';

/**
 * Loads argv[1] through the rendered code/framework.py (with the stand-in tensorflow first on
 * PYTHONPATH), predicts the batch in argv[2] (JSON; `object` in argv[3] makes it an object batch)
 * and prints what happened as JSON: the recorded calls, the array the model got, the answer.
 */
const DRIVER = `
import json, sys
import numpy as np
sys.path.insert(1, "code")
import framework, tensorflow
model_dir, rows, kind = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
columns = json.loads(sys.argv[4]) if len(sys.argv) > 4 else None
batch = np.array(rows, dtype=object if kind == "object" else np.float64)
model = framework.load(model_dir)
out = {"thread_safe": framework.THREAD_SAFE}
try:
    out["predictions"] = np.asarray(framework.predict(model, batch, columns)).tolist()
except ValueError as error:
    out["value_error"] = str(error)
calls = []
for call in tensorflow.CALLS:
    if call[0] in ("keras_call", "signature_call"):
        array = call[-2] if call[0] == "keras_call" else call[-1]
        calls.append({"call": call[0], "dtype": array.dtype.name, "rows": array.tolist(), "extra": [str(call[1]) if call[0] == "signature_call" else call[2]]})
    else:
        calls.append({"call": call[0], "args": [c if isinstance(c, (int, str, bool)) or c is None else str(c) for c in call[1:]]})
out["calls"] = calls
print(json.dumps(out))
`;

interface Call {
  call: string;
  args?: unknown[];
  dtype?: string;
  rows?: number[][];
  extra?: unknown[];
}
interface Outcome {
  thread_safe: boolean;
  predictions?: number[];
  value_error?: string;
  calls: Call[];
}

const ABALONE_ROWS = [
  ['M', 0.455, 0.365, 0.095, 0.514, 0.2245, 0.101, 0.15],
  ['I', 0.33, 0.255, 0.08, 0.205, 0.0895, 0.0395, 0.055],
  ['F', 0.53, 0.42, 0.135, 0.677, 0.2565, 0.1415, 0.21],
];
const ABALONE_COLUMNS = [
  'sex',
  'length',
  'diameter',
  'height',
  'whole_weight',
  'shucked_weight',
  'viscera_weight',
  'shell_weight',
];
const PREPROCESS = {
  schema: 'mcc-tensorflow-preprocess/1',
  columns: ABALONE_COLUMNS,
  one_hot: { sex: ['F', 'I', 'M'] },
};

let stub: string;
const projects: RenderedProject[] = [];

beforeAll(async () => {
  stub = await writeTensorflowStub();
});

afterAll(async () => {
  for (const project of projects) await rm(project.dir, { recursive: true, force: true });
  await rm(stub, { recursive: true, force: true });
});

async function project(input: Parameters<typeof projectInput>[0]): Promise<RenderedProject> {
  const rendered = await renderProject(projectInput(input));
  projects.push(rendered);
  await mkdir(join(rendered.dir, 'model'), { recursive: true });
  return rendered;
}

async function run(
  rendered: RenderedProject,
  rows: unknown[][],
  options: { object?: boolean; columns?: string[]; width?: number; threads?: string } = {},
): Promise<Outcome> {
  const args = [
    '-c',
    DRIVER,
    join(rendered.dir, 'model'),
    JSON.stringify(rows),
    options.object ? 'object' : 'float',
  ];
  if (options.columns) args.push(JSON.stringify(options.columns));
  const result = await python(args, rendered.dir, {
    PYTHONPATH: stub,
    STUB_WIDTH: String(options.width ?? 0),
    OMP_NUM_THREADS: options.threads ?? '3',
  });
  expect(result.code, result.output).toBe(0);
  return JSON.parse(result.output.trim().split('\n').pop() ?? '{}') as Outcome;
}

describe.each([
  { format: 'keras', fileName: 'churn.keras', loader: 'load_model' },
  { format: 'h5', fileName: 'legacy.h5', loader: 'load_model' },
  { format: 'h5', fileName: 'legacy.hdf5', loader: 'load_model' },
])('a user model, $fileName ($format)', ({ format, fileName, loader }) => {
  it('is loaded by tf.keras.models.load_model(path, compile=False) and called on a float32 batch', async () => {
    const rendered = await project({ source: 'local', format, fileName });
    const outcome = await run(rendered, [
      [1, 2, 3],
      [4, 5, 6.5],
    ]);
    const load = outcome.calls.find((call) => call.call === loader);
    expect(load?.args).toEqual([join(rendered.dir, 'model', fileName), false]);
    const model = outcome.calls.find((call) => call.call === 'keras_call');
    expect(model).toMatchObject({
      dtype: 'float32',
      extra: [false],
      rows: [
        [1, 2, 3],
        [4, 5, 6.5],
      ],
    });
    expect(outcome.predictions).toEqual([6, 15.5]);
    expect(outcome.thread_safe).toBe(true);
  });
});

describe('the thread pools', () => {
  it('follow OMP_NUM_THREADS, set before the model loads', async () => {
    const rendered = await project({ source: 'local', format: 'keras', fileName: 'model.keras' });
    const outcome = await run(rendered, [[1]], { threads: '2' });
    const names = outcome.calls.map((call) => call.call);
    expect(outcome.calls.slice(0, 2)).toEqual([
      { call: 'intra', args: [2] },
      { call: 'inter', args: [2] },
    ]);
    expect(names.indexOf('load_model')).toBeGreaterThan(names.indexOf('inter'));
  });

  it('are left alone without OMP_NUM_THREADS', async () => {
    const rendered = await project({ source: 'local', format: 'keras', fileName: 'model.keras' });
    const outcome = await run(rendered, [[1]], { threads: '' });
    expect(outcome.calls.map((call) => call.call)).not.toContain('intra');
  });
});

describe('a SavedModel directory', () => {
  let rendered: RenderedProject;
  beforeAll(async () => {
    rendered = await project({ source: 'local', format: 'savedmodel', fileName: 'export' });
  });

  it('is loaded by tf.saved_model.load and served by serving_default, first output by name', async () => {
    const outcome = await run(rendered, [
      [1, 2],
      [3, 4],
    ]);
    const load = outcome.calls.find((call) => call.call === 'saved_model_load');
    expect(load?.args).toEqual([join(rendered.dir, 'model', 'export')]);
    expect(outcome.calls.map((call) => call.call)).not.toContain('load_model');
    const call = outcome.calls.find((c) => c.call === 'signature_call');
    expect(call).toMatchObject({
      dtype: 'float32',
      extra: ['features'],
      rows: [
        [1, 2],
        [3, 4],
      ],
    });
    expect(outcome.predictions).toEqual([3, 7]); // output_0, not output_1 (the doubles)
  });

  it("refuses rows of the wrong width for the signature's input with a ValueError", async () => {
    const outcome = await run(rendered, [[1, 2, 3]], { width: 2 });
    expect(outcome.value_error).toMatch(/takes 2 values per row, got 3/);
  });
});

describe('text cells', () => {
  it('without a preprocessing file are a ValueError naming that text is not accepted', async () => {
    const rendered = await project({ source: 'local', format: 'keras', fileName: 'model.keras' });
    const outcome = await run(rendered, ABALONE_ROWS, { object: true });
    expect(outcome.value_error).toMatch(/text cells are not accepted/);
    expect(outcome.value_error).toContain('preprocess.json');
    expect(outcome.calls.map((call) => call.call)).not.toContain('keras_call');
  });
});

describe('the sample project', () => {
  let rendered: RenderedProject;
  beforeAll(async () => {
    rendered = await project({ source: 'sample' });
    await writeFile(join(rendered.dir, 'model', 'preprocess.json'), JSON.stringify(PREPROCESS));
  });

  it('one-hot encodes raw Abalone rows (sex F, I, M) before the model', async () => {
    const outcome = await run(rendered, ABALONE_ROWS, { object: true, width: 10 });
    const call = outcome.calls.find((c) => c.call === 'keras_call');
    expect(call?.dtype).toBe('float32');
    const expected = ABALONE_ROWS.map(([sex, ...rest]) => [
      ...['F', 'I', 'M'].map((category) => (sex === category ? 1 : 0)),
      ...(rest as number[]),
    ]);
    expect(call?.rows?.length).toBe(3);
    call?.rows?.forEach((row, index) => {
      row.forEach((value, column) => expect(value).toBeCloseTo(expected[index]![column]!, 6));
    });
    expect(outcome.calls.find((c) => c.call === 'load_model')?.args?.[0]).toBe(
      join(rendered.dir, 'model', 'model.keras'),
    );
  });

  it('matches columns by name when the request has a header', async () => {
    const reversed = ABALONE_ROWS.map((row) => [...row].reverse());
    const inOrder = await run(rendered, ABALONE_ROWS, { object: true });
    const byName = await run(rendered, reversed, { object: true, columns: [...ABALONE_COLUMNS].reverse() });
    expect(byName.predictions).toEqual(inOrder.predictions);
  });

  it('refuses a row of the wrong length or a non-numeric measurement with a ValueError', async () => {
    expect((await run(rendered, [[1, 2]])).value_error).toMatch(/expected 8 values per row/);
    const bad = [['M', 'long', 1, 1, 1, 1, 1, 1]];
    expect((await run(rendered, bad, { object: true })).value_error).toMatch(/column length must be numeric/);
  });
});
