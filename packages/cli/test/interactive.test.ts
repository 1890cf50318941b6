import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { StderrLogger, TOKENS, createRunContainer, instanceCatalog } from '@mcc/core';
import type { Choice, GenerateRequest, Generator, HookHost, Prompter } from '@mcc/core';
import { describe, expect, it } from 'vitest';

const PLUGINS = fileURLToPath(new URL('../../../plugins/', import.meta.url));

/** The workspace's built plugins, as oclif would hand them to core. */
async function builtPlugins(): Promise<HookHost[]> {
  const hosts: HookHost[] = [];
  for (const dir of await readdir(PLUGINS)) {
    const root = join(PLUGINS, dir);
    const pjson = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
    const target = pjson.oclif?.hooks?.['mcc:register'];
    if (target)
      hosts.push({
        name: pjson.name,
        version: pjson.version,
        type: 'core',
        root,
        hooks: { 'mcc:register': [{ target, identifier: 'default' }] },
        sdkRange: pjson.peerDependencies['@mcc/sdk'],
      });
  }
  return hosts;
}

interface Asked {
  message: string;
  choices?: string[];
  default?: string;
  rejected?: string[];
}

/**
 * Answers questions from a script keyed by the start of the question, running the prompt's own
 * validator like a terminal would: a rejected answer is recorded and the next one is tried.
 */
function scriptedPrompter(script: Record<string, string[]>): { prompter: Prompter; asked: Asked[] } {
  const asked: Asked[] = [];
  const next = (message: string): string => {
    const key = Object.keys(script).find((k) => message.startsWith(k));
    const answer = key ? script[key]!.shift() : undefined;
    if (answer === undefined) throw new Error(`unexpected question: ${message}`);
    return answer;
  };
  return {
    asked,
    prompter: {
      async select(message: string, choices: readonly Choice[], defaultValue?: string) {
        asked.push({ message, choices: choices.map((c) => c.value), default: defaultValue });
        const answer = next(message);
        if (!choices.some((c) => c.value === answer))
          throw new Error(`"${answer}" is not a choice of ${message}`);
        return answer;
      },
      async input(message, options = {}) {
        const entry: Asked = { message, default: options.default, rejected: [] };
        asked.push(entry);
        for (;;) {
          const answer = next(message);
          const verdict = options.validate?.(answer) ?? true;
          if (verdict === true) return answer;
          entry.rejected!.push(`${answer}: ${verdict}`);
        }
      },
    },
  };
}

async function run(prompter: Prompter, flags: GenerateRequest['flags'] = {}, cwd?: string) {
  const dir = cwd ?? (await mkdtemp(join(tmpdir(), 'mcc-interactive-')));
  const logger = new StderrLogger(() => undefined);
  const container = await createRunContainer({
    plugins: await builtPlugins(),
    logger,
    catalog: instanceCatalog,
    prompter,
  });
  const result = await container.resolve<Generator>(TOKENS.Generator).generate({
    cwd: dir,
    flags,
    optionFlags: [],
    env: {},
    force: false,
    offline: true,
    interactive: true,
    generator: { name: '@mcc/cli', version: '0.0.0-test' },
  });
  return { result, dir, logger };
}

const LLM_SERVERS = ['djl', 'lmi', 'sglang', 'trtllm', 'vllm'];

describe('mcc generate, interactive', () => {
  it('asks model, serving, infrastructure and project questions in order, and re-asks bad answers', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'mcc-interactive-'));
    await writeFile(join(cwd, 'churn.joblib'), Buffer.from([0x80, 0x04, 0x4e, 0x2e]));
    const { prompter, asked } = scriptedPrompter({
      'Where does the model come from?': ['local'],
      'Path to the model': ['missing.joblib', 'churn.joblib'],
      'Which serving stack?': ['sklearn'],
      'Which HTTP layer?': ['fastapi'],
      'Where will it be deployed?': ['managed-inference'],
      'Which instance type?': ['ml.c5.large'],
      'AWS region': ['Europe', 'eu-west-1'],
      'Project name': ['Churn_Model', 'churn'],
    });
    const { result } = await run(prompter, {}, cwd);
    expect(asked.map((a) => a.message)).toEqual([
      'Where does the model come from?',
      expect.stringMatching(/^Path to the model/),
      expect.stringMatching(/^Path to the model/),
      'Which serving stack?',
      'Which HTTP layer?',
      'Where will it be deployed?',
      'Which instance type?',
      'AWS region',
      'Project name',
    ]);
    expect(asked[0]).toMatchObject({ choices: ['huggingface', 'local', 's3', 'sample'], default: 'sample' });
    // A model file: servers that take local models (the LLM servers take Hub and S3 models only).
    expect(asked[3]).toMatchObject({
      choices: expect.arrayContaining(['sklearn', 'tensorflow', 'xgboost']),
      default: 'sklearn',
    });
    for (const llm of LLM_SERVERS) expect(asked[3]!.choices).not.toContain(llm);
    expect(asked[4]).toMatchObject({ choices: ['flask', 'fastapi'], default: 'flask' });
    // A model file: HyperPod's operator fetches Hub and S3 models only, so it is not offered.
    expect(asked[5]).toMatchObject({
      choices: ['async', 'batch', 'managed-inference', 'serverless'],
      default: 'managed-inference',
    });
    expect(asked[6]!.choices![0]).toBe('ml.m5.large');
    expect(asked[7]!.rejected).toEqual([
      expect.stringContaining('Region "Europe" (from the answer) is not an AWS region code'),
    ]);
    expect(asked[8]).toMatchObject({ default: 'sklearn-churn' });
    expect(asked[8]!.rejected).toEqual([
      expect.stringContaining('Project name "Churn_Model" (from the answer) would be rejected by SageMaker'),
    ]);
    expect(result.projectDir).toBe(join(cwd, 'churn'));
    for (const key of ['modelSource', 'model', 'http', 'instanceType', 'region', 'name'] as const) {
      expect(result.settings[key]?.source, key).toBe('prompt');
    }
    expect(result.settings.model?.value).toBe('churn.joblib');
    expect(result.files).toContain('model/model.joblib');
  });

  it('offers a Hub model the LLM servers only, vllm first', async () => {
    const { prompter, asked } = scriptedPrompter({
      'Where does the model come from?': ['huggingface'],
      'Hugging Face Hub model id': ['Qwen/Qwen2.5-0.5B-Instruct'],
      'Which serving stack?': ['sglang'],
      'Where will it be deployed?': ['managed-inference'],
      // Offline, the sizer has no config.json: the instance type is asked.
      'Instance type': ['ml.g5.2xlarge'],
      'AWS region': ['us-east-1'],
      'Project name': ['qwen'],
    });
    const { result } = await run(prompter);
    const servers = asked.find((a) => a.message === 'Which serving stack?');
    expect(servers).toMatchObject({ choices: expect.arrayContaining(LLM_SERVERS), default: 'vllm' });
    for (const predictive of ['sklearn', 'tensorflow', 'xgboost'])
      expect(servers!.choices).not.toContain(predictive);
    expect(result.settings.server).toMatchObject({ value: 'sglang', source: 'prompt' });
    // A Hub model may also go to a HyperPod cluster, whose operator fetches it.
    expect(asked.find((a) => a.message === 'Where will it be deployed?')).toMatchObject({
      choices: ['hyperpod-eks', 'managed-inference'],
      default: 'managed-inference',
    });
  });

  it('asks nothing that a flag already answered', async () => {
    const { prompter, asked } = scriptedPrompter({ 'AWS region': ['us-west-2'], 'Project name': ['quiet'] });
    const { result } = await run(prompter, {
      modelSource: 'sample',
      server: 'sklearn',
      http: 'flask',
      target: 'managed-inference',
      instanceType: 'ml.m5.xlarge',
    });
    expect(asked.map((a) => a.message)).toEqual(['AWS region', 'Project name']);
    expect(result.settings.http).toMatchObject({ value: 'flask', source: 'flag' });
    expect(result.settings.instanceType).toMatchObject({ value: 'ml.m5.xlarge', source: 'flag' });
  });
});
