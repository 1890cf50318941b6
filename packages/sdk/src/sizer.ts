import type { InstanceCatalog } from './instance.js';
import type { ResolvedModel } from './model.js';

export interface SizingRequest {
  model: ResolvedModel;
  server: { id: string; accelerator: 'cpu' | 'gpu'; memoryPerModelByte?: number };
}

/** One ranked, explained recommendation. */
export interface Recommendation {
  instanceType: string;
  vcpu: number;
  memoryGiB: number;
  acceleratorCount: number;
  /** Memory the model is estimated to need when served, in bytes. */
  estimatedMemoryBytes: number;
  priceUsdPerHour?: number;
  /** Why this instance, in one sentence a user can check. */
  reason: string;
}

export interface SizerContext {
  catalog: InstanceCatalog;
}

/** Sizer extension point: recommends instances for a model and server. */
export interface Sizer {
  readonly kind: 'sizer';
  readonly id: string;
  readonly summary: string;
  /** Which servers it sizes for. */
  readonly accelerator: 'cpu' | 'gpu';
  /** Best first. Empty when nothing in the catalog fits. */
  recommend(request: SizingRequest, context: SizerContext): Recommendation[];
}
