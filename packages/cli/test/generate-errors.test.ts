import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FakeHub } from '../../../plugins/huggingface/test/fake-hub.js';
import { envelope, fixturePlugin, linkPlugins, mcc, sandbox, tree } from './helpers/cli.js';
import type { Sandbox } from './helpers/cli.js';

/** A server without an HTTP layer and with a required option, linked in for the cases that need one. */
const ECHO_SERVER = `
export const server = {
  kind: 'server', id: 'echo', summary: 'echoes', accelerator: 'cpu', sources: ['local', 'sample'],
  formats: [
    { id: 'bin', summary: 'raw bytes', extensions: ['.bin'], layout: 'file' },
    { id: 'bundle', summary: 'a folder of files', extensions: [], layout: 'directory' },
  ],
  httpLayers: [], defaultBaseImage: 'python:3.12-slim',
  options: [{ key: 'token-arn', description: 'Secrets Manager ARN of a token', type: 'string', required: true }],
  templatesDir: new URL('./templates/', import.meta.url), samplePayloads: [],
  sample: { format: 'bin', fileName: 'model.bin', summary: 'zeros' },
  context: () => ({}),
};`;

interface Case {
  name: string;
  args: string[];
  code: string;
  exit: number;
  message: RegExp;
  setup?: (box: Sandbox) => Promise<void>;
  env?: Record<string, string>;
}

const cases: Case[] = [
  {
    name: 'unknown server',
    args: ['--server', 'sklern'],
    code: 'UNKNOWN_SERVER',
    exit: 2,
    message: /Unknown server "sklern"\. Accepted: .*sklearn/,
  },
  {
    name: 'a target that does not deploy models from the source',
    args: ['--target', 'hyperpod-eks', '--option', 'cluster-name=team-cluster'],
    code: 'SOURCE_NOT_SUPPORTED',
    exit: 2,
    message:
      /Target "hyperpod-eks" does not deploy models from "sample"\. It deploys models from huggingface or s3\./,
  },
  {
    name: 'unknown target',
    args: ['--target', 'lambda'],
    code: 'UNKNOWN_TARGET',
    exit: 2,
    message:
      /Unknown target "lambda"\. Accepted: async, batch, hyperpod-eks, managed-inference or serverless/,
  },
  {
    name: 'unknown model source',
    args: ['--model-source', 'ftp'],
    code: 'UNKNOWN_MODEL_SOURCE',
    exit: 2,
    message: /Unknown model-source "ftp"\. Accepted: huggingface, local, s3 or sample/,
  },
  {
    name: 'missing model file',
    args: ['--model', 'nope/model.pkl'],
    code: 'MODEL_NOT_FOUND',
    exit: 2,
    message: /nope\/model\.pkl/,
  },
  {
    name: 'model is a directory',
    args: ['--model', 'models.pkl'],
    code: 'MODEL_IS_DIRECTORY',
    exit: 2,
    message: /"?.*models\.pkl"? is a directory, but a pkl model is a single file/,
    setup: async (box) => {
      await mkdir(join(box.cwd, 'models.pkl'));
      await writeFile(join(box.cwd, 'models.pkl', 'x'), 'x');
    },
  },
  {
    name: 'format the server does not take',
    args: ['--model', 'model.onnx'],
    code: 'FORMAT_NOT_SUPPORTED',
    exit: 2,
    message:
      /extension \.onnx, which server "sklearn" does not take\. Accepted formats: pkl \(\.pkl, \.pickle\) or joblib \(\.joblib\)/,
    setup: (box) => writeFile(join(box.cwd, 'model.onnx'), 'onnx'),
  },
  {
    name: 'format flag the server does not take',
    args: ['--model', 'model.pkl', '--model-format', 'onnx'],
    code: 'FORMAT_NOT_SUPPORTED',
    exit: 2,
    message: /Model format "onnx" is not taken by server "sklearn"/,
    setup: (box) => writeFile(join(box.cwd, 'model.pkl'), 'pickle'),
  },
  {
    name: 'model contents that do not match the format',
    args: ['--server', 'xgboost', '--model', 'model.json'],
    code: 'MODEL_FORMAT_MISMATCH',
    exit: 2,
    message:
      /model\.json looks like a Python pickle, but format "json" expects an XGBoost model saved as JSON/,
    setup: (box) => writeFile(join(box.cwd, 'model.json'), Buffer.from([0x80, 0x04, 0x4e, 0x2e])),
  },
  {
    name: 'bad http layer',
    args: ['--http', 'django'],
    code: 'INVALID_HTTP',
    exit: 2,
    message: /--http "django".*Accepted: flask or fastapi/,
  },
  {
    name: 'project name SageMaker rejects',
    args: ['my_model'],
    code: 'INVALID_NAME',
    exit: 2,
    message: /Project name "my_model" \(from NAME\) would be rejected by SageMaker/,
  },
  {
    name: 'project name too long',
    args: ['x'.repeat(60)],
    code: 'INVALID_NAME',
    exit: 2,
    message: /1–48 letters, digits and hyphens/,
  },
  {
    name: 'not a real-time instance type',
    args: ['--instance-type', 'ml.m5.larg'],
    code: 'INVALID_INSTANCE_TYPE',
    exit: 2,
    message: /"ml\.m5\.larg" \(from --instance-type\) is not a SageMaker real-time endpoint instance type/,
  },
  {
    name: 'an EC2 type without ml.',
    args: ['--instance-type', 'm5.large'],
    code: 'INVALID_INSTANCE_TYPE',
    exit: 2,
    message: /"m5\.large"/,
  },
  {
    name: 'bad region',
    args: ['--region', 'europe'],
    code: 'INVALID_REGION',
    exit: 2,
    message: /Region "europe" \(from --region\)/,
  },
  {
    name: 'malformed config file',
    args: [],
    code: 'CONFIG_MALFORMED',
    exit: 2,
    message: /mcc\.config\.json is not valid JSON/,
    setup: (box) => writeFile(join(box.cwd, 'mcc.config.json'), '{ "server": "sklearn", }'),
  },
  {
    name: 'missing --config file',
    args: ['--config', 'team.yaml'],
    code: 'CONFIG_UNREADABLE',
    exit: 2,
    message: /team\.yaml: no such file/,
  },
  {
    name: 'unknown option key',
    args: ['--option', 'wrokers=2'],
    code: 'OPTION_UNKNOWN',
    exit: 2,
    message: /Unknown option "wrokers".*workers \(sklearn\)/,
  },
  {
    name: 'bad option value',
    args: ['--option', 'workers=lots'],
    code: 'OPTION_BAD_VALUE',
    exit: 2,
    message: /sklearn option "workers" \(from --option workers=lots\) must be an integer/,
  },
  {
    name: 'option without =',
    args: ['--option', 'workers'],
    code: 'OPTION_MALFORMED',
    exit: 2,
    message: /--option "workers" is not of the form key=value/,
  },
  {
    name: 'bad value from the environment',
    args: [],
    env: { MCC_HTTP: 'tornado' },
    code: 'INVALID_HTTP',
    exit: 2,
    message: /"tornado" \(from MCC_HTTP\)/,
  },
  { name: 'unknown flag', args: ['--sever', 'sklearn'], code: 'USAGE', exit: 2, message: /--sever/ },
  {
    name: 'existing non-empty folder without --force',
    args: ['keep'],
    code: 'PROJECT_EXISTS',
    exit: 2,
    message: /keep already exists and is not empty/,
    setup: async (box) => {
      await mkdir(join(box.cwd, 'keep'));
      await writeFile(join(box.cwd, 'keep', 'notes.txt'), 'mine');
    },
  },
  {
    name: 'sample with a model path',
    args: ['--model-source', 'sample', '--model', 'x.pkl'],
    code: 'SAMPLE_TAKES_NO_MODEL',
    exit: 2,
    message: /x\.pkl/,
  },
  {
    name: 'local source without --model',
    args: ['--model-source', 'local'],
    code: 'MISSING_VALUES',
    exit: 2,
    message: /Missing a value.*\n {2}- --model: model source "local" needs/,
  },
];

describe('mcc generate: every mistake exits non-zero, names the value, and writes nothing', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const box = await sandbox();
      await c.setup?.(box);
      const before = await tree(box.root);
      const human = await mcc(box, ['generate', ...c.args, '--yes', '--offline'], c.env);
      expect(human.exitCode, human.stderr).toBe(c.exit);
      expect(human.stderr).toMatch(c.message);
      expect(human.stderr).toContain(`[${c.code}]`);
      expect(human.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace
      expect(human.stdout).toBe('');
      const json = await mcc(box, ['generate', ...c.args, '--yes', '--offline', '--json'], c.env);
      expect(json.exitCode).toBe(c.exit);
      const env = envelope(json);
      expect(env.status).toBe(c.exit);
      expect(env.error?.code).toBe(c.code);
      expect(env.error?.message).toMatch(c.message);
      // Nothing written: the sandbox holds exactly what it held before (oclif may create its own dirs).
      const after = (await tree(box.root)).filter((p) => !/^(data|config|cache)(\/|$)/.test(p));
      expect(after).toEqual(before.filter((p) => !/^(data|config|cache)(\/|$)/.test(p)));
    });
  }
});

describe('mcc generate with a linked plugin', () => {
  let box: Sandbox;
  let echoPlugin: { name: string; root: string };
  beforeAll(async () => {
    box = await sandbox();
    echoPlugin = await fixturePlugin(
      box.root,
      '@acme/mcc-plugin-echo',
      `export default function ({ registry }) {
        registry.add('server', { id: 'echo', summary: 'echoes', load: async () => (await import('../server.js')).server });
      }`,
      { 'server.js': ECHO_SERVER, 'templates/Dockerfile': 'FROM python:3.12-slim\n' },
    );
    await linkPlugins(box, [echoPlugin]);
  });

  it('refuses --http for a server that has no HTTP layer', async () => {
    const result = await mcc(box, [
      'generate',
      '--server',
      'echo',
      '--http',
      'flask',
      '--option',
      'token-arn=x',
      '--yes',
      '--offline',
    ]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(
      /\[HTTP_NOT_SUPPORTED\]: --http "flask" was given, but server "echo" has no HTTP layer/,
    );
  });

  it('takes a directory as the one directory format of the server', async () => {
    // Its own sandbox: the other cases here check that nothing is written in theirs.
    const own = await sandbox();
    await linkPlugins(own, [echoPlugin]);
    await mkdir(join(own.cwd, 'weights'), { recursive: true });
    await writeFile(join(own.cwd, 'weights', 'part-0'), 'x');
    const result = await mcc(own, [
      'generate',
      'dir-model',
      '--server',
      'echo',
      '--model',
      'weights',
      '--option',
      'token-arn=x',
      '--yes',
      '--json',
    ]);
    expect(result.exitCode, result.stdout).toBe(0);
    const env = envelope<{
      settings: Record<string, { value: string; source: string; origin?: string }>;
      files: string[];
    }>(result);
    expect(env.result.settings.modelFormat).toEqual({
      value: 'bundle',
      source: 'derived',
      origin: 'a directory',
    });
    expect(env.result.files).toContain('model/model/part-0');
  });

  it('names every missing value at once with --yes', async () => {
    const result = await mcc(box, [
      'generate',
      '--server',
      'echo',
      '--model-source',
      'local',
      '--yes',
      '--offline',
      '--json',
    ]);
    expect(result.exitCode).toBe(2);
    const env = envelope(result);
    expect(env.error?.code).toBe('MISSING_VALUES');
    expect(env.error?.message).toMatch(/Missing 2 values/);
    expect(env.error?.message).toMatch(/--model: model source "local"/);
    expect(env.error?.message).toMatch(/--option token-arn=… \(echo: Secrets Manager ARN of a token\)/);
    expect(await tree(box.cwd)).toEqual([]);
  });
});

// The GPU sizer's model configs, served by a fake Hub on loopback (HF_ENDPOINT).
const hfConfig = async (file: string): Promise<Record<string, unknown>> =>
  JSON.parse(
    await readFile(
      new URL(`../../../plugins/sizer-gpu/test/fixtures/hf-configs/${file}`, import.meta.url),
      'utf8',
    ),
  ) as Record<string, unknown>;
const COMMIT = '0123456789abcdef0123456789abcdef01234567';

describe('mcc generate with an LLM from the Hub: the sizer decides', () => {
  const hub = new FakeHub();
  let box: Sandbox;
  let env: Record<string, string>;
  beforeAll(async () => {
    await hub.start();
    box = await sandbox();
    env = { HF_ENDPOINT: hub.url, HF_HOME: join(box.root, 'hf'), HF_TOKEN: '' };
    for (const [id, file, params] of [
      ['tiiuae/falcon-7b', 'tiiuae__falcon-7b.json', 6_921_720_704],
      ['Qwen/Qwen2.5-72B-Instruct', 'Qwen__Qwen2.5-72B-Instruct.json', 72_706_203_648],
      ['meta-llama/Llama-3.1-8B-Instruct', 'meta-llama__Llama-3.1-8B-Instruct.json', 8_030_261_248],
    ] as const) {
      hub.model(id, {
        info: {
          id,
          sha: COMMIT,
          gated: false,
          siblings: [{ rfilename: 'config.json' }],
          safetensors: { parameters: { BF16: params } },
        },
        config: await hfConfig(file),
      });
    }
  });
  afterAll(() => hub.close());

  const llm = (model: string, ...rest: string[]): string[] => [
    'generate',
    '--server',
    'vllm',
    '--model-source',
    'huggingface',
    '--model',
    model,
    ...rest,
    '--yes',
  ];

  it.each([
    ['no instance type', []],
    ['a catalogued instance type', ['--instance-type', 'ml.g5.12xlarge']],
  ])(
    'refuses a tensor-parallel degree that does not split the heads (%s), naming it and the valid ones',
    async (_name, extra) => {
      const before = await tree(box.root);
      const run = await mcc(
        box,
        [...llm('tiiuae/falcon-7b', '--option', 'tensor-parallel-degree=2', ...extra), '--json'],
        env,
      );
      expect(run.exitCode, run.stderr).toBe(2);
      const error = envelope(run).error;
      expect(error?.code).toBe('INVALID_TENSOR_PARALLEL_DEGREE');
      expect(error?.message).toMatch(
        /Tensor-parallel degree 2 is not possible for tiiuae\/falcon-7b: it does not split the model's 71 attention heads.*Accepted: 1\./,
      );
      expect(await tree(box.root)).toEqual(before);
    },
  );

  it('says, as mcc size does, that nothing fits and what would', async () => {
    const big = await mcc(
      box,
      llm('Qwen/Qwen2.5-72B-Instruct', '--option', 'max-model-len=32768', '--option', 'max-concurrency=256'),
      env,
    );
    expect(big.exitCode, big.stderr).toBe(2);
    expect(big.stderr).toContain('[MODEL_TOO_LARGE]');
    expect(big.stderr).toMatch(
      /fits no GPU instance in mcc's catalog: it needs about 2831\.2 GiB .*splits over at most 8 GPUs\. The largest GPU instance in mcc's catalog is ml\.p5e\.48xlarge/,
    );
    expect(big.stderr).toMatch(/--option max-model-len or a lower --option max-concurrency needs less/);

    const narrow = await mcc(
      box,
      llm('Qwen/Qwen2.5-72B-Instruct', '--option', 'tensor-parallel-degree=1'),
      env,
    );
    expect(narrow.exitCode, narrow.stderr).toBe(2);
    expect(narrow.stderr).toMatch(
      /\[MODEL_TOO_LARGE\].*with tensor-parallel degree 1\. The smallest split that fits is ml\.g6e\.12xlarge with tensor-parallel degree 4/s,
    );
    expect(narrow.stderr).toContain('Pass --option tensor-parallel-degree=4');
    expect(await tree(box.cwd)).toEqual([]);
  });

  it('warns when the instance type given has no room for the model by the estimate', async () => {
    const own = await sandbox();
    const run = await mcc(
      own,
      [
        'generate',
        'small',
        ...llm('meta-llama/Llama-3.1-8B-Instruct', '--instance-type', 'ml.g4dn.xlarge').slice(1),
      ],
      { ...env, HF_HOME: join(own.root, 'hf') },
    );
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /By the gpu sizer's estimate, meta-llama\/Llama-3\.1-8B-Instruct does not fit ml\.g4dn\.xlarge/,
    );
    const manifest = JSON.parse(await readFile(join(own.cwd, 'small', 'mcc.json'), 'utf8'));
    expect(manifest.instance.sizing).toBeUndefined();
  });

  it("records the sizer's context length, concurrency and the commit, and bakes them into the engine", async () => {
    const own = await sandbox();
    const run = await mcc(own, llm('meta-llama/Llama-3.1-8B-Instruct'), {
      ...env,
      HF_HOME: join(own.root, 'hf'),
    });
    expect(run.exitCode, run.stderr).toBe(0);
    const dir = join(own.cwd, (await tree(own.cwd))[0]!.split('/')[0]!);
    const manifest = JSON.parse(await readFile(join(dir, 'mcc.json'), 'utf8'));
    expect(manifest.model.hub).toMatchObject({ revision: 'main', commit: COMMIT });
    expect(manifest.instance.sizing).toMatchObject({
      sizer: 'gpu',
      tensorParallelDegree: 1,
      maxModelLen: 4096,
      concurrency: 4,
    });
    const serve = await readFile(join(dir, 'code', 'serve'), 'utf8');
    expect(serve).toMatch(/VLLM_MAX_MODEL_LEN.{1,12}:\[.{1,12}--max-model-len.{1,12},.{1,12}4096/);
    expect(serve).toContain(COMMIT);
    const readme = await readFile(join(dir, 'README.md'), 'utf8');
    expect(readme).toMatch(/`VLLM_MAX_MODEL_LEN` .* `4096` \(the gpu sizer's context length/);

    // A smaller share of each GPU: the sizer holds the estimate against it and picks more memory.
    const tight = await mcc(
      own,
      // NAME first: --option takes every word after it.
      [
        'generate',
        'tight',
        ...llm('meta-llama/Llama-3.1-8B-Instruct', '--option', 'gpu-memory-utilization=0.5').slice(1),
        '--json',
      ],
      { ...env, HF_HOME: join(own.root, 'hf') },
    );
    expect(tight.exitCode, tight.stdout).toBe(0);
    const result = envelope<{ instance: { instanceType: string }; recommendations: { reason: string }[] }>(
      tight,
    ).result;
    expect(result.instance.instanceType).not.toBe(manifest.instance.instanceType);
    expect(result.recommendations[0]!.reason).toMatch(/50% of the GPU, the GPU memory utilization given/);
  });
});
