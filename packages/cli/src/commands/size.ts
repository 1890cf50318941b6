import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

import { Args, Flags } from '@oclif/core';
import { TOKENS, sizerFor, tooLargeError } from '@mcc/core';
import type { ContributionRegistry } from '@mcc/core';
import { usageError } from '@mcc/sdk';
import type { InstanceCatalog, Recommendation, ResolvedModel, SizingRequest, Workload } from '@mcc/sdk';

import { McCommand } from '../base-command.js';
import { containerFor } from '../run-container.js';

const GiB = 1024 ** 3;
const gib = (bytes: number): number => Math.round((bytes / GiB) * 100) / 100;

/** One ranked recommendation, as `mcc size --json` reports it. */
export interface SizedInstance {
  rank: number;
  instanceType: string;
  gpuCount: number;
  tensorParallelDegree: number;
  /** GPU memory the model needs on the GPUs it is split over, all together. */
  estimatedMemoryGiB: number;
  /** The usable share of those GPUs' memory the estimate is held against. */
  usableMemoryGiB: number;
  /** On-demand USD per hour in us-east-1; null where mcc's catalog does not know it. */
  pricePerHour: number | null;
  breakdown: { weightsGiB: number; kvCacheGiB: number; overheadGiB: number };
  reason: string;
}

export interface SizeResult {
  model: { id: string; configFile?: string };
  /** The sizer that answered. */
  sizer: string;
  /** What was asked; the sizer's defaults fill the rest (each reason states the figures used). */
  workload: Workload;
  recommendations: SizedInstance[];
}

export default class Size extends McCommand<SizeResult> {
  static override summary = 'Recommend GPU instances and a tensor-parallel degree for an LLM.';

  static override description = `Estimates the GPU memory a generative model needs when served (weights for the dtype, KV cache for the context length and concurrency, runtime overhead), splits it over the tensor-parallel degrees the model allows, and lists every SageMaker real-time GPU instance where it fits: cheapest first, then the most headroom; instances whose price mcc's catalog does not know come after, smallest GPU memory first. Each line explains its figures.

MODEL is a Hugging Face Hub id: its config.json (and exact parameter count) come from the Hub (HF_ENDPOINT and HF_TOKEN honoured). With --config-file the model's config.json is read from disk and no network call is made.`;

  static override examples = [
    {
      description: 'From a local config.json, offline',
      command: '<%= config.bin %> <%= command.id %> --config-file ./config.json',
    },
    {
      description: 'A Hub model in 4-bit with a longer context',
      command:
        '<%= config.bin %> <%= command.id %> meta-llama/Llama-3.1-8B-Instruct --dtype int4 --max-model-len 16384',
    },
    {
      description: 'A fixed split, as JSON',
      command:
        '<%= config.bin %> <%= command.id %> Qwen/Qwen2.5-72B-Instruct --tensor-parallel-degree 8 --json',
    },
  ];

  static override args = {
    model: Args.string({
      description:
        'Hugging Face Hub model id (org/name). Optional with --config-file, where it only names the model.',
      required: false,
    }),
  };

  static override flags = {
    'config-file': Flags.string({
      description: "The model's config.json on disk (no network call).",
    }),
    dtype: Flags.string({
      description:
        'Weights dtype or quantization: auto (the model’s own), fp32, bf16, fp16, fp8, int8 or int4.',
      default: 'auto',
    }),
    'max-model-len': Flags.integer({
      description:
        'Context length the KV cache is sized for, in tokens (default 4096, capped at the model’s).',
      min: 1,
    }),
    concurrency: Flags.integer({
      description: 'Full-length sequences served at once (default 4).',
      min: 1,
    }),
    'tensor-parallel-degree': Flags.integer({
      description:
        'Split the model over exactly this many GPUs (default: the widest split each instance allows).',
      min: 1,
    }),
    'gpu-memory-utilization': Flags.string({
      description:
        'Share of each GPU’s memory the engine may use, as the engines’ option of that name (default 0.9).',
    }),
    offline: Flags.boolean({
      description: 'Make no network call (then --config-file is needed).',
      default: false,
    }),
  };

  async run(): Promise<SizeResult> {
    const { args, flags } = await this.parse(Size);
    const workload: Workload = { dtype: flags.dtype };
    if (flags['max-model-len'] !== undefined) workload.maxModelLen = flags['max-model-len'];
    if (flags.concurrency !== undefined) workload.concurrency = flags.concurrency;
    if (flags['tensor-parallel-degree'] !== undefined)
      workload.tensorParallelDegree = flags['tensor-parallel-degree'];
    if (flags['gpu-memory-utilization'] !== undefined)
      workload.gpuMemoryUtilization = fraction(flags['gpu-memory-utilization']);

    const container = await containerFor(this.config, this.stderrLogger);
    const registry = container.resolve<ContributionRegistry>(TOKENS.Registry);
    const catalog = container.resolve<InstanceCatalog>(TOKENS.Catalog);
    const configFile = flags['config-file'] === undefined ? undefined : resolve(flags['config-file']);
    const model = configFile
      ? await fromConfigFile(configFile, args.model ?? flags['config-file']!)
      : await fromHub(registry, args.model, flags.offline);
    const sizer = await sizerFor(registry, 'gpu', this.stderrLogger);
    if (!sizer) {
      throw usageError('SIZER_MISSING', 'No installed plugin sizes GPU instances.', [
        'Run `mcc list --kind sizer` to see what is installed.',
      ]);
    }
    const request: SizingRequest = { model, server: { id: 'llm', accelerator: 'gpu' }, workload };
    const found = sizer.recommend(request, { catalog });
    if (found.length === 0) throw tooLargeError(sizer, request, catalog, 'size-flags');

    const recommendations = found.map((r, i) => sized(r, i + 1));
    const result: SizeResult = {
      model: { id: model.hub!.id, ...(configFile ? { configFile } : {}) },
      sizer: sizer.id,
      workload,
      recommendations,
    };
    if (!this.jsonEnabled()) this.print(result);
    return result;
  }

  private print(result: SizeResult): void {
    const rows = result.recommendations.map((r) => [
      String(r.rank),
      r.instanceType,
      String(r.gpuCount),
      String(r.tensorParallelDegree),
      `${r.estimatedMemoryGiB} GiB`,
      `${r.usableMemoryGiB} GiB`,
      r.pricePerHour === null ? 'unknown' : `$${r.pricePerHour}`,
    ]);
    const header = ['#', 'INSTANCE', 'GPUS', 'TP', 'NEEDS', 'USABLE', 'PER HOUR'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    this.log(`GPU instances where ${result.model.id} fits, best first:`);
    for (const row of [header, ...rows])
      this.log(
        row
          .map((c, i) => c.padEnd(widths[i]!))
          .join('  ')
          .trimEnd(),
      );
    this.log('');
    this.log(`Recommended: ${result.recommendations[0]!.reason}`);
  }
}

/** `--gpu-memory-utilization`: a number above 0 and at most 1. */
function fraction(text: string): number {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0 || value > 1) {
    throw usageError(
      'INVALID_WORKLOAD',
      `--gpu-memory-utilization "${text}" is not accepted: give a fraction above 0 and at most 1, such as 0.85.`,
    );
  }
  return value;
}

/** The recommendation in the units `--json` reports. */
function sized(r: Recommendation, rank: number): SizedInstance {
  const b = r.breakdown ?? { weightsBytes: 0, kvCacheBytes: 0, overheadBytes: 0 };
  return {
    rank,
    instanceType: r.instanceType,
    gpuCount: r.acceleratorCount,
    tensorParallelDegree: r.tensorParallelDegree ?? r.acceleratorCount,
    estimatedMemoryGiB: gib(r.estimatedMemoryBytes),
    usableMemoryGiB: gib(r.usableMemoryBytes ?? 0),
    pricePerHour: r.priceUsdPerHour ?? null,
    breakdown: {
      weightsGiB: gib(b.weightsBytes),
      kvCacheGiB: gib(b.kvCacheBytes),
      overheadGiB: gib(b.overheadBytes),
    },
    reason: r.reason,
  };
}

/** A model described by a local config.json, named by MODEL or else by the file as typed. */
async function fromConfigFile(path: string, id: string): Promise<ResolvedModel> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw usageError(
      'CONFIG_FILE_NOT_FOUND',
      `--config-file "${path}" cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Accepted: a model's config.json.`,
    );
  }
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (error) {
    throw usageError(
      'CONFIG_FILE_INVALID',
      `--config-file "${path}" is not JSON (${(error as Error).message}). Accepted: a model's config.json.`,
    );
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw usageError(
      'CONFIG_FILE_INVALID',
      `--config-file "${path}" is not a JSON object. Accepted: a model's config.json.`,
    );
  }
  const record = config as Record<string, unknown>;
  return {
    source: 'config-file',
    location: path,
    sample: false,
    delivery: 'runtime',
    hub: { id, revision: 'main', gated: false, config: record },
  };
}

/** A Hub model through the registry's `huggingface` ModelSource (it validates the id and fetches config.json). */
async function fromHub(
  registry: ContributionRegistry,
  id: string | undefined,
  offline: boolean,
): Promise<ResolvedModel> {
  if (id === undefined) {
    throw usageError(
      'MODEL_REQUIRED',
      'Name the model: a Hugging Face Hub id (org/name), or --config-file PATH.',
      ['mcc size meta-llama/Llama-3.1-8B-Instruct', 'mcc size --config-file ./config.json'],
    );
  }
  if (offline) {
    throw usageError(
      'MODEL_CONFIG_MISSING',
      `--offline: the Hub is not asked for the config.json of ${id}, and the GPU sizer needs it.`,
      [`Pass --config-file with a local copy of ${id}'s config.json, or drop --offline.`],
    );
  }
  if (!registry.has('model-source', 'huggingface')) {
    throw usageError(
      'MODEL_SOURCE_MISSING',
      `No installed plugin provides the huggingface model source, so ${id} cannot be looked up.`,
      [
        'Pass --config-file with the model’s config.json.',
        'Run `mcc list --kind model-source` to see what is installed.',
      ],
    );
  }
  const source = await registry.load('model-source', 'huggingface');
  return source.resolve({ location: id, cwd: process.cwd(), offline });
}
