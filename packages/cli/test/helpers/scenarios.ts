import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { envelope, mcc, sandbox } from './cli.js';

/** The combinations every generated-project check runs over. */
export interface Scenario {
  name: string;
  args: string[];
  /** Writes the user's model into the working directory, when the scenario has one. */
  model?: { file: string; bytes: Buffer };
  /** The engine fetches the model at start-up (Hub or S3): nothing of it is copied into the image. */
  modelAtRuntime?: boolean;
  /** Why the image keeps its base image's root user, when it does. */
  runsAsRoot?: string;
  /** The do/ scripts its target writes, when not managed-inference's (other targets have other verbs). */
  doScripts?: readonly string[];
}

/** The do/ scripts of a managed-inference project. */
export const MANAGED_INFERENCE_SCRIPTS = [
  'do/build',
  'do/run',
  'do/push',
  'do/submit',
  'do/deploy',
  'do/invoke',
  'do/status',
  'do/logs',
  'do/destroy',
] as const;

/** An LLM project, offline: the Hub is not asked, so the model is unsized and the instance given. */
function llm(name: string, server: string, model: string, extra: string[] = []): Scenario {
  const source = model.startsWith('s3://') ? 's3' : 'huggingface';
  return {
    name,
    args: [
      name,
      '--server',
      server,
      '--model-source',
      source,
      '--model',
      model,
      '--instance-type',
      'ml.g5.2xlarge',
      ...extra,
    ],
    modelAtRuntime: true,
  };
}

// AWS's DJL Serving images start through an entrypoint that sets up CUDA compatibility as root.
const DJL_ROOT = "the DJL Serving image's entrypoint sets up CUDA compatibility libraries as root";

// A pickle of None: a real pickle, tiny, and the same bytes every run.
const PICKLE_NONE = Buffer.from([0x80, 0x04, 0x4e, 0x2e]);

export const SCENARIOS: readonly Scenario[] = [
  { name: 'sample-flask', args: ['sample-flask'] },
  { name: 'sample-fastapi', args: ['sample-fastapi', '--http', 'fastapi'] },
  {
    name: 'local-pkl-flask',
    args: [
      'local-pkl-flask',
      '--model',
      'churn.pkl',
      '--instance-type',
      'ml.c5.xlarge',
      '--region',
      'eu-west-1',
      '--option',
      'workers=2',
    ],
    model: { file: 'churn.pkl', bytes: PICKLE_NONE },
  },
  {
    name: 'local-joblib-fastapi',
    args: [
      'local-joblib-fastapi',
      '--model',
      'model.joblib',
      '--http',
      'fastapi',
      '--option',
      'role-arn=arn:aws:iam::123456789012:role/team-sagemaker',
    ],
    model: { file: 'model.joblib', bytes: PICKLE_NONE },
  },
  {
    name: 'xgboost-sample-fastapi',
    args: ['xgboost-sample-fastapi', '--server', 'xgboost', '--http', 'fastapi'],
  },
  { name: 'tensorflow-sample-flask', args: ['tensorflow-sample-flask', '--server', 'tensorflow'] },
  // Serverless caps the request body at 4 MB: nginx and the handler are generated with that limit.
  {
    name: 'serverless-sample',
    args: ['serverless-sample', '--target', 'serverless'],
    // The serverless target has no do/submit (managed-inference's CodeBuild build); it builds locally.
    doScripts: MANAGED_INFERENCE_SCRIPTS.filter((script) => script !== 'do/submit'),
  },
  // Asynchronous inference takes 1 GB requests for an hour: nginx spills bodies past 6 MB to disk.
  {
    name: 'async-sample',
    args: ['async-sample', '--target', 'async', '--option', 'scale-to-zero=true'],
    doScripts: [
      'do/build',
      'do/run',
      'do/push',
      'do/deploy',
      'do/invoke',
      'do/status',
      'do/logs',
      'do/destroy',
    ],
  },
  // Batch transform: nginx and the handler take 100 MB mini-batches for an hour; README, iam/ and do/ of the target.
  {
    name: 'batch-sample',
    args: ['batch-sample', '--target', 'batch'],
    doScripts: [
      'do/build',
      'do/run',
      'do/push',
      'do/deploy',
      'do/invoke',
      'do/status',
      'do/logs',
      'do/destroy',
    ],
  },
  llm('vllm-hub', 'vllm', 'Qwen/Qwen2.5-0.5B-Instruct', [
    '--option',
    'max-model-len=8192',
    '--option',
    'enable-lora=true',
  ]),
  llm('sglang-s3', 'sglang', 's3://team-models/qwen2.5-0.5b/', ['--region', 'eu-west-1']),
  llm('trtllm-hub', 'trtllm', 'Qwen/Qwen2.5-0.5B-Instruct', ['--option', 'max-concurrency=16']),
  {
    ...llm('lmi-hub', 'lmi', 'Qwen/Qwen2.5-0.5B-Instruct', ['--option', 'dtype=fp16']),
    runsAsRoot: DJL_ROOT,
  },
  { ...llm('djl-s3', 'djl', 's3://team-models/qwen2.5-0.5b/'), runsAsRoot: DJL_ROOT },
  // Triton: the samples are trained at build time into the image; the LLM backends fetch theirs.
  { name: 'triton-fil-sample', args: ['triton-fil-sample', '--server', 'triton'] },
  {
    name: 'triton-python-sample',
    args: ['triton-python-sample', '--server', 'triton', '--option', 'backend=python'],
  },
  // No backend named: a Hub model means the vLLM backend, on its own image and a GPU.
  llm('triton-vllm-hub', 'triton', 'Qwen/Qwen2.5-0.5B-Instruct'),
  llm('triton-tensorrtllm-s3', 'triton', 's3://team-models/qwen2.5-0.5b/', [
    '--option',
    'backend=tensorrtllm',
  ]),
];

export interface Generated {
  scenario: Scenario;
  dir: string;
  files: string[];
}

/** Generates one scenario through the built CLI in a fresh sandbox. */
export async function generateScenario(scenario: Scenario): Promise<Generated> {
  const box = await sandbox();
  if (scenario.model) await writeFile(join(box.cwd, scenario.model.file), scenario.model.bytes);
  const run = await mcc(box, ['generate', ...scenario.args, '--yes', '--offline', '--json']);
  if (run.exitCode !== 0) throw new Error(`generate ${scenario.name} failed:\n${run.stderr}\n${run.stdout}`);
  const result = envelope<{ projectDir: string; files: string[] }>(run).result;
  return { scenario, dir: result.projectDir, files: result.files };
}
