import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { python } from '../../../testkit/python.js';
import { SCENARIOS, projectInput } from './helpers/input.js';
import { renderProject } from './helpers/render.js';
import type { RenderedProject } from './helpers/render.js';

/** A stand-in for Triton's triton_python_backend_utils: the calls model.py makes, nothing more. */
const PB_UTILS = `
import numpy as np

class Tensor:
    def __init__(self, name, array):
        self._name, self._array = name, np.asarray(array)
    def name(self):
        return self._name
    def as_numpy(self):
        return self._array

class TritonError:
    def __init__(self, message):
        self._message = message
    def message(self):
        return self._message

class InferenceResponse:
    def __init__(self, output_tensors, error=None):
        self.output_tensors, self.error = output_tensors, error

class InferenceRequest:
    def __init__(self, inputs):
        self.inputs = inputs

def get_input_tensor_by_name(request, name):
    return next((t for t in request.inputs if t.name() == name), None)

def get_output_config_by_name(config, name):
    return next(o for o in config["output"] if o["name"] == name)

def triton_string_to_numpy(data_type):
    return {"TYPE_FP32": np.float32, "TYPE_FP64": np.float64, "TYPE_INT64": np.int64}[data_type]
`;

/** Loads model.py as Triton would and runs one batch of requests built from the payload file. */
const DRIVER = `
import json, sys
import numpy as np
sys.path.insert(0, sys.argv[1])
import triton_python_backend_utils as pb
import importlib.util
spec = importlib.util.spec_from_file_location("model", sys.argv[2] + "/model/1/model.py")
module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module)
config = {"name": "model", "output": [{"name": "OUTPUT__0", "data_type": "TYPE_FP32", "dims": [1]}]}
model = module.TritonPythonModel()
model.initialize({"model_config": json.dumps(config), "model_repository": sys.argv[2] + "/model", "model_version": "1"})
payload = json.load(open(sys.argv[3]))["inputs"][0]
rows = np.array(payload["data"], dtype=np.float32).reshape(payload["shape"])
requests = [pb.InferenceRequest([pb.Tensor(payload["name"], rows[:2])]),
            pb.InferenceRequest([pb.Tensor(payload["name"], rows[2:])]),
            pb.InferenceRequest([pb.Tensor(payload["name"], rows[:, :4])])]
responses = model.execute(requests)
out = []
for response in responses:
    if response.error is not None:
        out.append({"error": response.error.message()})
    else:
        tensor = response.output_tensors[0]
        out.append({"name": tensor.name(), "dtype": str(tensor.as_numpy().dtype), "values": tensor.as_numpy().tolist()})
direct = model.model.predict(rows).tolist()
model.finalize()
print(json.dumps({"responses": out, "direct": direct}))
`;

let project: RenderedProject;
let repository: string;

beforeAll(async () => {
  project = await renderProject(projectInput(SCENARIOS.find((s) => s.name === 'python')!));
  repository = join(project.dir, 'model_repository');
  await mkdir(join(project.dir, 'stub'));
  await writeFile(join(project.dir, 'stub', 'triton_python_backend_utils.py'), PB_UTILS);
  await writeFile(join(project.dir, 'driver.py'), DRIVER);
}, 120_000);

afterAll(async () => {
  await rm(project.dir, { recursive: true, force: true });
});

describe('the Python backend model.py, run natively with a stand-in pb_utils', () => {
  it('trains with sample/train.py and predicts Abalone rings per request, refusing a bad request alone', async () => {
    const train = await python(['sample/train.py', join(repository, 'model', '1')], project.dir);
    expect(train.code, train.output).toBe(0);
    expect(train.output).toMatch(/held-out \d+ rows: MAE \d/);

    const run = await python(
      ['driver.py', join(project.dir, 'stub'), repository, join(project.dir, 'tests/payloads/abalone.json')],
      project.dir,
    );
    expect(run.code, run.output).toBe(0);
    const result = JSON.parse(run.output.trim().split('\n').pop()!) as {
      responses: { name?: string; dtype?: string; values?: number[][]; error?: string }[];
      direct: number[];
    };
    const [first, second, bad] = result.responses;
    expect(first!.name).toBe('OUTPUT__0');
    expect(first!.dtype).toBe('float32');
    // Stacked into one call, split back: the same predictions as the estimator gives directly.
    const served = [...first!.values!, ...second!.values!].map((row) => row[0]!);
    expect(served).toHaveLength(5);
    served.forEach((value, index) => expect(value).toBeCloseTo(result.direct[index]!, 4));
    // Abalone have 1 to 29 rings; the first row (15 rings) is an adult.
    for (const value of served) expect(value).toBeGreaterThan(3);
    for (const value of served) expect(value).toBeLessThan(20);
    expect(bad!.error).toContain('rows of 10 values');
  }, 120_000);
});
