import type { InstanceCatalog } from './instance.js';
import type { ResolvedModel } from './model.js';

/** What a sizer is asked to size: the model, the server it will run behind, and how it will be served. */
export interface SizingRequest {
  /** The resolved model; `sizeBytes` and, for Hub models, `hub.config` are what sizers read. */
  model: ResolvedModel;
  /** The server's id, accelerator and memory factor (CPU sizers multiply the model's size by it). */
  server: { id: string; accelerator: 'cpu' | 'gpu'; memoryPerModelByte?: number };
  /**
   * How a generative model will be served, from the server's options with these keys (`dtype`,
   * `max-model-len`, `max-concurrency`, `tensor-parallel-degree`, `gpu-memory-utilization`) or from
   * `mcc size`'s flags. Absent values are the sizer's defaults.
   */
  workload?: Workload;
}

/** How a generative model will be served; every field is optional, the sizer defaulting the rest. */
export interface Workload {
  /** Weights' dtype or quantization: `fp32`, `bf16`, `fp16`, `fp8`, `int8`, `int4` (`auto`: the model's own). */
  dtype?: string;
  /** Context length the KV cache is sized for, in tokens. */
  maxModelLen?: number;
  /** Sequences served at once, each with a full context of KV cache. */
  concurrency?: number;
  /** A tensor-parallel degree the user fixed; the sizer then considers no other. */
  tensorParallelDegree?: number;
  /**
   * Share of each GPU's memory the engine may use (above 0, at most 1): the engine's
   * `gpu-memory-utilization`, which the estimate is then held against.
   */
  gpuMemoryUtilization?: number;
}

/** One ranked, explained recommendation. */
export interface Recommendation {
  /** e.g. `ml.g5.2xlarge`, from the catalog. */
  instanceType: string;
  /** The catalog's figures for the instance, repeated so listings need no catalog. */
  vcpu: number;
  memoryGiB: number;
  acceleratorCount: number;
  /**
   * Memory the model is estimated to need when served, in bytes: host memory for a CPU sizer, the
   * accelerators' memory (all devices used together) for a GPU sizer.
   */
  estimatedMemoryBytes: number;
  /** The memory the estimate is held against (the usable share), in the same terms. */
  usableMemoryBytes?: number;
  /** GPU sizers: devices the model is split over. */
  tensorParallelDegree?: number;
  /**
   * GPU sizers: the context length (tokens) the KV cache was sized for, given or the sizer's
   * default. An engine started with a longer one may not fit, so generate bakes it in.
   */
  maxModelLen?: number;
  /** GPU sizers: the full-length sequences served at once the KV cache was sized for. */
  concurrency?: number;
  /** GPU sizers: where the estimate comes from. */
  breakdown?: { weightsBytes: number; kvCacheBytes: number; overheadBytes: number };
  /** On-demand USD per hour in us-east-1, when the catalog knows it. */
  priceUsdPerHour?: number;
  /** Why this instance, in one sentence a user can check. */
  reason: string;
}

/** What core hands a sizer besides the request. */
export interface SizerContext {
  /** The instances to choose from (core's SageMaker real-time catalog). */
  catalog: InstanceCatalog;
}

/** Sizer extension point: recommends instances for a model and server. */
export interface Sizer {
  /** The brand `defineSizer` adds. */
  readonly kind: 'sizer';
  /** Kebab-case, unique among sizers: `cpu`, `gpu`. */
  readonly id: string;
  /** One line for `mcc list`. */
  readonly summary: string;
  /** Which servers it sizes for. */
  readonly accelerator: 'cpu' | 'gpu';
  /**
   * Best first. Empty when nothing in the catalog fits. Throws a usage error when it cannot size
   * the request: a code starting with `INVALID_` when the workload the user gave cannot be served
   * on any instance (a tensor-parallel degree that does not split the model, say), which ends
   * `mcc generate`; any other code when this model cannot be sized (no config.json), and generate
   * goes on with an instance type chosen without the sizer.
   */
  recommend(request: SizingRequest, context: SizerContext): Recommendation[];
}
