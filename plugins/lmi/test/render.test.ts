import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { parseProperties } from '@mcc/sdk/serving-properties';
import { validate } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';

import { lmiImage } from '../src/images.js';
import { lmiServer } from '../src/server.js';
import { projectInput, renderProject } from './fixtures.js';
import type { Overrides } from './fixtures.js';

interface Scenario {
  name: string;
  overrides: Overrides;
  /** Every line serving.properties must hold, exactly. */
  expected: Record<string, string>;
}

const SCENARIOS: readonly Scenario[] = [
  {
    name: 'defaults: Hub model on one GPU',
    overrides: {},
    expected: {
      engine: 'Python',
      'option.model_id': 'Qwen/Qwen2.5-0.5B-Instruct',
      'option.tensor_parallel_degree': '1',
      'option.max_rolling_batch_size': '32',
      'option.gpu_memory_utilization': '0.9',
      'option.rolling_batch': 'vllm',
    },
  },
  {
    name: 'every option set, sizer TP on a 4-GPU instance, pinned revision',
    overrides: {
      model: {
        hub: {
          id: 'meta-llama/Llama-3.1-8B-Instruct',
          revision: '0e9e39f249a16976918f6564b8830bc894c89659',
          gated: true,
          config: { num_attention_heads: 32 },
        },
        location: 'meta-llama/Llama-3.1-8B-Instruct',
      },
      options: {
        'max-model-len': 8192,
        'max-concurrency': 64,
        'gpu-memory-utilization': 0.85,
        dtype: 'bf16',
        'rolling-batch': 'lmi-dist',
        quantization: 'fp8',
        'enable-lora': true,
        'max-loras': 4,
        'max-lora-rank': 64,
        'trust-remote-code': true,
        'model-loading-timeout': 1800,
      },
      instance: {
        instanceType: 'ml.g5.12xlarge',
        acceleratorCount: 4,
        sizing: { sizer: 'gpu', tensorParallelDegree: 2 },
      },
      region: 'us-west-2',
    },
    expected: {
      engine: 'MPI',
      'option.model_id': 'meta-llama/Llama-3.1-8B-Instruct',
      'option.revision': '0e9e39f249a16976918f6564b8830bc894c89659',
      'option.tensor_parallel_degree': '2',
      'option.max_model_len': '8192',
      'option.max_rolling_batch_size': '64',
      'option.gpu_memory_utilization': '0.85',
      'option.dtype': 'bf16',
      'option.rolling_batch': 'lmi-dist',
      'option.quantize': 'fp8',
      'option.enable_lora': 'true',
      'option.max_loras': '4',
      'option.max_lora_rank': '64',
      'option.trust_remote_code': 'true',
      'option.model_loading_timeout': '1800',
    },
  },
  {
    name: 'S3 model in China on 8 GPUs, explicit TP',
    overrides: {
      model: {
        source: 's3',
        hub: undefined,
        location: 's3://models-cn/llama=v2:final #1/',
        s3: { uri: 's3://models-cn/llama=v2:final #1/', bucket: 'models-cn', prefix: 'llama=v2:final #1/' },
      },
      options: { 'tensor-parallel-degree': 8 },
      instance: { instanceType: 'ml.p4d.24xlarge', acceleratorCount: 8 },
      region: 'cn-northwest-1',
    },
    expected: {
      engine: 'Python',
      // SageMaker copies the prefix here before the container starts: no second download by LMI.
      'option.model_id': '/opt/ml/model',
      'option.tensor_parallel_degree': '8',
      'option.max_rolling_batch_size': '32',
      'option.gpu_memory_utilization': '0.9',
      'option.rolling_batch': 'vllm',
    },
  },
  {
    name: "user's own base image",
    overrides: { baseImage: 'registry.example.com/team/lmi:custom', region: 'ap-southeast-7' },
    expected: {
      engine: 'Python',
      'option.model_id': 'Qwen/Qwen2.5-0.5B-Instruct',
      'option.tensor_parallel_degree': '1',
      'option.max_rolling_batch_size': '32',
      'option.gpu_memory_utilization': '0.9',
      'option.rolling_batch': 'vllm',
    },
  },
];

const hasShellcheck = spawnSync('shellcheck', ['--version']).status === 0;

describe.each(SCENARIOS.map((s) => [s.name, s] as const))('LMI project: %s', (_name, scenario) => {
  it('writes exactly the expected serving.properties, which parses back', async () => {
    const { files } = await renderProject(projectInput(scenario.overrides));
    const properties = parseProperties(files.get('serving.properties')!);
    expect(Object.fromEntries(properties)).toEqual(scenario.expected);
    // engine first, as DJL's docs write it.
    const firstLine = files
      .get('serving.properties')!
      .split('\n')
      .find((l) => !l.startsWith('#'));
    expect(firstLine).toMatch(/^engine=/);
  });

  it('emits the expected files, with nothing unrendered, undefined or secret', async () => {
    const { dir, files, readme } = await renderProject(projectInput(scenario.overrides));
    expect([...files.keys()].sort()).toEqual([
      'Dockerfile',
      'code/aws_secret.py',
      'code/serve',
      'serving.properties',
      'tests/payloads/generate.json',
    ]);
    for (const [path, text] of [...files, ['README section', readme] as const]) {
      expect(text, path).not.toMatch(/<%|%>|\bundefined\b|\bNaN\b|\[object Object\]/);
      expect(text, path).not.toContain(dir);
      expect(text, path).not.toMatch(/hf_[A-Za-z0-9]{20,}|AKIA[0-9A-Z]{16}/);
    }
  });

  it('has a Dockerfile that lints clean and starts code/serve', async () => {
    const { files } = await renderProject(projectInput(scenario.overrides));
    const dockerfile = files.get('Dockerfile')!;
    const problems = validate(dockerfile).map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
    expect(problems).toEqual([]);
    expect(dockerfile).toMatch(/^ARG BASE_IMAGE=\S+$/m);
    expect(dockerfile).toMatch(/^FROM \$\{BASE_IMAGE\}$/m);
    expect(dockerfile).toContain('COPY serving.properties /opt/mcc/serving.properties');
    expect(dockerfile).toContain('ENTRYPOINT ["/opt/mcc/code/serve"]');
    expect(dockerfile).toContain('LABEL com.amazonaws.sagemaker.capabilities.accept-bind-to-port=true');
  });

  it('documents every property with its OPTION_* variable in the README section', async () => {
    const { readme } = await renderProject(projectInput(scenario.overrides));
    for (const key of Object.keys(scenario.expected)) {
      expect(readme).toContain(`\`${key.replace(/([=: #])/g, '\\$1')}\``);
      if (key.startsWith('option.')) expect(readme).toContain(`\`OPTION_${key.slice(7).toUpperCase()}\``);
    }
    for (const variable of ['SAGEMAKER_BIND_TO_PORT', 'HF_TOKEN', 'MCC_BIND_HOST'])
      expect(readme).toContain(variable);
  });

  it('ships the TGI-style sample payload', async () => {
    const { files } = await renderProject(projectInput(scenario.overrides));
    const payload = JSON.parse(files.get('tests/payloads/generate.json')!) as unknown;
    expect(payload).toEqual({ inputs: expect.any(String), parameters: { max_new_tokens: 64 } });
    expect(lmiServer.samplePayloads).toEqual([
      { contentType: 'application/json', file: 'tests/payloads/generate.json' },
    ]);
  });

  it.runIf(hasShellcheck || process.env.CI)('has no shell script that shellcheck rejects', async () => {
    const { dir, files } = await renderProject(projectInput(scenario.overrides));
    const scripts = [...files].filter(([, text]) => /^#!\s*\/(usr\/)?bin\/(env\s+)?(ba)?sh\b/.test(text));
    // code/serve is Python (run by the serve tests); shellcheck whatever shell there is.
    if (scripts.length === 0) return;
    const check = spawnSync('shellcheck', ['--severity=style', ...scripts.map(([p]) => join(dir, p))], {
      encoding: 'utf8',
    });
    expect(check.stdout + check.stderr).toBe('');
  });
});

describe('base image by region', () => {
  it("defaults to the project region's copy of the pinned image, which the Dockerfile builds FROM", async () => {
    const cases: Record<string, string> = {
      'us-east-1': '763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.35.0-lmi17.0.0-cu128',
      'eu-south-1': '692866216735.dkr.ecr.eu-south-1.amazonaws.com/djl-inference:0.35.0-lmi17.0.0-cu128',
      'cn-north-1': '727897471807.dkr.ecr.cn-north-1.amazonaws.com.cn/djl-inference:0.35.0-lmi17.0.0-cu128',
      'us-gov-west-1':
        '442386744353.dkr.ecr.us-gov-west-1.amazonaws.com/djl-inference:0.35.0-lmi17.0.0-cu128',
    };
    for (const [region, image] of Object.entries(cases)) {
      expect(lmiServer.baseImageFor?.({ region, options: {} })).toBe(image);
      const { files, readme } = await renderProject(projectInput({ region }));
      expect(files.get('Dockerfile')).toContain(`ARG BASE_IMAGE=${image}\n`);
      expect(readme).toContain('CUDA 12.8');
      // The README's login names the registry of the image recorded, in that region.
      expect(readme).toContain(`aws ecr get-login-password --region ${region} `);
    }
  });

  it('builds FROM the image recorded in mcc.json as it is: no rewrite for the region at render time', async () => {
    const usEast1 = lmiImage('us-east-1');
    const { files, readme } = await renderProject(projectInput({ baseImage: usEast1, region: 'eu-west-1' }));
    expect(files.get('Dockerfile')).toContain(`ARG BASE_IMAGE=${usEast1}\n`);
    expect(readme).toContain('aws ecr get-login-password --region us-east-1 ');
  });

  it("keeps a user's --base-image as given and does not claim its CUDA version", async () => {
    const { files, readme } = await renderProject(
      projectInput({ baseImage: 'registry.example.com/lmi:x', region: 'eu-west-1' }),
    );
    expect(files.get('Dockerfile')).toContain('ARG BASE_IMAGE=registry.example.com/lmi:x\n');
    expect(readme).not.toContain('CUDA');
  });

  it('names the region and the way out (--base-image) where AWS publishes no copy', () => {
    expect(() => lmiServer.baseImageFor?.({ region: 'ap-southeast-7', options: {} })).toThrow(
      expect.objectContaining({
        code: 'BASE_IMAGE_UNAVAILABLE',
        exitCode: 2,
        message: expect.stringMatching(/no LMI image .* in ap-southeast-7/),
        suggestions: expect.arrayContaining([expect.stringContaining('--base-image')]),
      }),
    );
  });
});
