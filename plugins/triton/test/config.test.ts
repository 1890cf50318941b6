import { rm } from 'node:fs/promises';

import { isMcError } from '@mcc/sdk';
import { afterAll, describe, expect, it } from 'vitest';

import { isNode, one, parsePbtxt } from './helpers/pbtxt-parse.js';
import type { PbItem, PbNode } from './helpers/pbtxt-parse.js';
import { SCENARIOS, projectInput } from './helpers/input.js';
import type { Scenario } from './helpers/input.js';
import { renderProject } from './helpers/render.js';
import { tritonServer } from '../src/server.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

function node(item: PbItem | undefined, what: string): PbNode {
  if (!isNode(item)) throw new Error(`${what} is not a message`);
  return item;
}

function parameters(config: PbNode): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of config.parameters ?? []) {
    const pair = node(entry, 'parameters entry');
    const value = node(one(pair, 'value'), 'parameter value');
    out[String(one(pair, 'key'))] = String(one(value, 'string_value'));
  }
  return out;
}

const LLM = new Set(['vllm', 'tensorrtllm']);

/** Triton's rules, checked on the parsed file rather than on the plan that produced it. */
function checkRules(config: PbNode, scenario: Scenario, gpu: boolean): void {
  const backend = String(one(config, 'backend'));
  const maxBatch = Number(one(config, 'max_batch_size'));
  const backendOption = (scenario.options?.backend as string | undefined) ?? scenario.name.split('-')[0]!;
  expect(one(config, 'name')).toBe('model');
  // Dynamic batching only makes sense, and is only accepted, when Triton batches.
  if (config.dynamic_batching) {
    expect(maxBatch).toBeGreaterThan(0);
    const batching = node(one(config, 'dynamic_batching'), 'dynamic_batching');
    for (const size of batching.preferred_batch_size ?? [])
      expect(Number(size)).toBeLessThanOrEqual(maxBatch);
  }
  const group = node(config.instance_group?.[0], 'instance_group');
  const kind = (one(group, 'kind') as { enum: string }).enum;
  if (LLM.has(backendOption)) {
    expect(maxBatch).toBe(0);
    expect(config.dynamic_batching).toBeUndefined();
    const policy = node(one(config, 'model_transaction_policy'), 'model_transaction_policy');
    expect(one(policy, 'decoupled')).toBe(true);
    expect(kind).toBe('KIND_MODEL');
  } else if (backendOption === 'python') {
    expect(kind).toBe('KIND_CPU');
  } else {
    expect(kind).toBe(gpu ? 'KIND_GPU' : 'KIND_CPU');
  }
  if (backend === 'fil') {
    const params = parameters(config);
    expect(['xgboost', 'xgboost_json', 'xgboost_ubj', 'lightgbm', 'treelite_checkpoint']).toContain(
      params.model_type,
    );
    expect(['true', 'false']).toContain(params.output_class);
    const input = node(config.input?.[0], 'input');
    expect(one(input, 'name')).toBe('input__0');
    expect((one(input, 'data_type') as { enum: string }).enum).toBe('TYPE_FP32');
    expect(input.dims).toHaveLength(1);
    expect(node(config.output?.[0], 'output').name).toEqual(['output__0']);
  }
  if (backendOption === 'pytorch' || backendOption === 'python') {
    // Neither backend can read its tensors from the model: both must be declared.
    expect(config.input?.length).toBeGreaterThan(0);
    expect(config.output?.length).toBeGreaterThan(0);
  }
}

describe.each(SCENARIOS.map((s) => [s.name, s] as const))('config.pbtxt of %s', (_name, scenario) => {
  it('parses back and follows the backend’s rules, with the artifact Triton looks for', async () => {
    const project = await renderProject(projectInput(scenario));
    dirs.push(project.dir);
    const config = parsePbtxt(project.text('model_repository/model/config.pbtxt'));
    checkRules(config, scenario, (scenario.gpus ?? 0) > 0);
    const expected: Record<string, string | null> = {
      fil: 'xgboost.json',
      'fil-lightgbm': 'model.txt',
      onnxruntime: 'model.onnx',
      tensorflow: 'model.savedmodel',
      pytorch: 'model.pt',
      python: 'model.joblib',
      vllm: null,
      tensorrtllm: null,
      'vllm-s3': null,
    };
    expect(project.ctx.artifactName).toBe(expected[scenario.name]);
  });
});

describe('config.pbtxt details', () => {
  it('FIL: model_type follows the format, output_class the option, dims the feature count', async () => {
    const input = projectInput({
      name: 'fil-ubj',
      source: 'local',
      format: 'xgboost-ubj',
      fileName: 'model.ubj',
      options: { 'input-dims': '12', 'fil-output-class': true, 'max-batch-size': 1024 },
    });
    const config = parsePbtxt(tritonServer.context(input).configPbtxt);
    expect(parameters(config)).toEqual({ model_type: 'xgboost_ubj', output_class: 'true' });
    expect(node(config.input?.[0], 'input').dims).toEqual([12]);
    expect(one(config, 'max_batch_size')).toBe(1024);
    const batching = node(one(config, 'dynamic_batching'), 'dynamic_batching');
    expect(batching.preferred_batch_size).toEqual([256, 512, 1024]);
    expect(one(batching, 'max_queue_delay_microseconds')).toBe(100);
  });

  it('honours the batching and instance overrides', () => {
    const input = projectInput({
      name: 'onnx',
      source: 'local',
      format: 'onnx',
      fileName: 'model.onnx',
      instanceType: 'ml.g5.xlarge',
      gpus: 1,
      options: {
        'max-batch-size': 64,
        'preferred-batch-sizes': '32,8',
        'max-queue-delay-us': 500,
        'instance-count': 2,
        'instance-kind': 'cpu',
        'input-name': 'images',
        'input-dims': '3,224,224',
        'output-name': 'logits',
        'output-dims': '1000',
        'output-type': 'FP16',
      },
    });
    const config = parsePbtxt(tritonServer.context(input).configPbtxt);
    const batching = node(one(config, 'dynamic_batching'), 'dynamic_batching');
    expect(batching.preferred_batch_size).toEqual([8, 32]);
    expect(one(batching, 'max_queue_delay_microseconds')).toBe(500);
    const group = node(config.instance_group?.[0], 'instance_group');
    expect(one(group, 'count')).toBe(2);
    expect(one(group, 'kind')).toEqual({ enum: 'KIND_CPU' });
    expect(node(config.input?.[0], 'input')).toEqual({
      name: ['images'],
      data_type: [{ enum: 'TYPE_FP32' }],
      dims: [3, 224, 224],
    });
    expect(node(config.output?.[0], 'output').data_type).toEqual([{ enum: 'TYPE_FP16' }]);
  });

  it('turns dynamic batching off on request, and leaves ONNX tensors to auto-complete by default', () => {
    const input = projectInput({
      name: 'onnx',
      source: 'local',
      format: 'onnx',
      fileName: 'model.onnx',
      options: { 'dynamic-batching': false },
    });
    const config = parsePbtxt(tritonServer.context(input).configPbtxt);
    expect(config.dynamic_batching).toBeUndefined();
    expect(config.input).toBeUndefined();
    expect(config.output).toBeUndefined();
    expect(one(config, 'max_batch_size')).toBe(32);
  });

  it('vLLM: model.json names the Hub model and the tensor-parallel degree of the instance', async () => {
    const input = projectInput({
      ...SCENARIOS.find((s) => s.name === 'tensorrtllm')!,
      options: { backend: 'vllm' },
    });
    const ctx = tritonServer.context(input);
    expect(JSON.parse(ctx.modelJson!)).toEqual({
      model: 'meta-llama/Llama-3.2-1B-Instruct',
      revision: 'main',
      tensor_parallel_size: 4,
      gpu_memory_utilization: 0.9,
    });
    expect(ctx.baseImage).toBe('nvcr.io/nvidia/tritonserver:25.01-vllm-python-py3');
  });

  it('an S3 model: the LLM reads /opt/ml/model, and the repository lives with the code instead', () => {
    const ctx = tritonServer.context(projectInput(SCENARIOS.find((s) => s.name === 'vllm-s3')!));
    expect(JSON.parse(ctx.modelJson!)).toEqual({
      model: '/opt/ml/model',
      tensor_parallel_size: 1,
      gpu_memory_utilization: 0.9,
    });
    expect(ctx.repositoryDir).toBe('/opt/program/model_repository');
    expect(ctx.s3Uri).toBe('s3://team-models/llama/');
    expect(ctx.hubId).toBeNull();
    expect(ctx.gated).toBe(false);
    // The baked backends keep their repository where SageMaker's contract puts models.
    expect(tritonServer.context(projectInput(SCENARIOS.find((s) => s.name === 'fil')!)).repositoryDir).toBe(
      '/opt/ml/model',
    );
  });

  it('TensorRT-LLM: model.yaml repeats config.pbtxt in triton_config, which the LLM API model requires', () => {
    const ctx = tritonServer.context(projectInput(SCENARIOS.find((s) => s.name === 'tensorrtllm')!));
    expect(ctx.modelYaml).toMatch(/^triton_config:\n {2}max_batch_size: 0\n {2}decoupled: true$/m);
    const config = parsePbtxt(ctx.configPbtxt);
    const inputs = (config.input ?? []).map((item) => node(item, 'input'));
    expect(inputs.map((i) => one(i, 'name'))).toEqual(
      expect.arrayContaining(['text_input', 'streaming', 'sampling_param_max_tokens', 'sampling_param_stop']),
    );
    // Only the prompt is required; every sampling input may be left out of a request.
    for (const input of inputs)
      expect(one(input, 'optional') ?? false).toBe(one(input, 'name') !== 'text_input');
    const outputs = (config.output ?? []).map((item) => node(item, 'output'));
    expect(outputs.map((o) => [one(o, 'name'), (one(o, 'data_type') as { enum: string }).enum])).toEqual([
      ['text_output', 'TYPE_STRING'],
    ]);
  });

  it('tells core the LLM backends need a GPU and the others a CPU, by option or by model (acceleratorFor)', () => {
    const by = (
      options: Record<string, string>,
      model?: { source: string; format: string; sample: boolean },
    ) => tritonServer.acceleratorFor?.({ options, ...(model ? { model } : {}) });
    expect(by({ backend: 'vllm' })).toBe('gpu');
    expect(by({ backend: 'tensorrtllm' })).toBe('gpu');
    expect(by({ backend: 'fil' })).toBe('cpu');
    expect(by({})).toBe('cpu');
    // No backend option: a Hub model means vLLM, the sample FIL.
    expect(by({}, { source: 'huggingface', format: 'huggingface', sample: false })).toBe('gpu');
    expect(by({}, { source: 'sample', format: 'xgboost-json', sample: true })).toBe('cpu');
    expect(tritonServer.accelerator).toBe('cpu');
  });

  it('records the image of the backend family as the default base image (baseImageFor)', () => {
    const image = (options: Record<string, string>, format = 'huggingface') =>
      tritonServer.baseImageFor?.({
        region: 'eu-west-1',
        options,
        model: { source: 'huggingface', format, sample: false },
      });
    expect(image({ backend: 'vllm' })).toBe('nvcr.io/nvidia/tritonserver:25.01-vllm-python-py3');
    expect(image({ backend: 'tensorrtllm' })).toBe('nvcr.io/nvidia/tritonserver:25.01-trtllm-python-py3');
    expect(image({})).toBe('nvcr.io/nvidia/tritonserver:25.01-vllm-python-py3');
    expect(image({}, 'onnx')).toBe('nvcr.io/nvidia/tritonserver:25.01-py3');
  });

  it('keeps a --base-image the user chose', () => {
    const input = projectInput(
      SCENARIOS.find((s) => s.name === 'vllm')!,
      'registry.example.com/team/triton:custom',
    );
    expect(tritonServer.context(input).baseImage).toBe('registry.example.com/team/triton:custom');
  });
});

function usage(scenario: Scenario): { code: string; message: string } {
  try {
    tritonServer.context(projectInput(scenario));
  } catch (error) {
    if (isMcError(error)) {
      expect(error.exitCode).toBe(2);
      return { code: error.code, message: error.message };
    }
    throw error;
  }
  throw new Error('no error');
}

describe('usage errors', () => {
  it('a vllm backend with a local ONNX file names the file, the backend and what it takes', () => {
    const error = usage({
      name: 'x',
      source: 'local',
      format: 'onnx',
      fileName: 'model.onnx',
      options: { backend: 'vllm' },
    });
    expect(error.code).toBe('MODEL_BACKEND_MISMATCH');
    expect(error.message).toContain('/models/model.onnx');
    expect(error.message).toContain('vllm backend');
    expect(error.message).toContain('huggingface');
  });

  it('a fil backend with a Hub model', () => {
    const error = usage({
      name: 'x',
      source: 'huggingface',
      options: { backend: 'fil' },
      gpus: 1,
      instanceType: 'ml.g5.xlarge',
    });
    expect(error.code).toBe('MODEL_BACKEND_MISMATCH');
    expect(error.message).toContain('meta-llama/Llama-3.2-1B-Instruct');
    expect(error.message).toContain('xgboost-json');
  });

  it('a sample for a backend that cannot train one', () => {
    const error = usage({ name: 'x', source: 'sample', options: { backend: 'onnxruntime' } });
    expect(error.code).toBe('SAMPLE_NOT_AVAILABLE');
    expect(error.message).toContain('fil or python');
  });

  it('an LLM backend on a CPU instance, or with Triton batching', () => {
    expect(usage({ name: 'x', source: 'huggingface', options: { backend: 'vllm' } }).code).toBe(
      'INSTANCE_NEEDS_GPU',
    );
    const batching = usage({
      name: 'x',
      source: 'huggingface',
      options: { backend: 'vllm', 'max-batch-size': 8 },
      gpus: 1,
      instanceType: 'ml.g5.xlarge',
    });
    expect(batching.message).toContain('max_batch_size 0');
  });

  it('an S3 model for a backend that bakes its model into the image', () => {
    const error = usage({
      name: 'x',
      source: 's3',
      format: 'savedmodel',
      options: { backend: 'tensorflow' },
    });
    expect(error.code).toBe('MODEL_SOURCE_UNSUPPORTED');
    expect(error.message).toContain('s3://team-models/llama/');
    expect(error.message).toContain('only vllm or tensorrtllm read a model from S3');
  });

  it('FIL without a feature count, PyTorch without dims, and sizes above max_batch_size', () => {
    expect(
      usage({ name: 'x', source: 'local', format: 'xgboost-json', fileName: 'model.json' }).message,
    ).toContain('input-dims');
    expect(usage({ name: 'x', source: 'local', format: 'torchscript', fileName: 'model.pt' }).code).toBe(
      'OPTION_REQUIRED',
    );
    const sizes = usage({
      name: 'x',
      source: 'sample',
      options: { 'max-batch-size': 16, 'preferred-batch-sizes': '8,32' },
    });
    expect(sizes.message).toContain('32');
    const name = usage({ name: 'x', source: 'sample', options: { 'input-name': 'features' } });
    expect(name.message).toContain('input__0');
  });
});
