import type { Backend } from './backends.js';
import { BACKEND_FACTS } from './backends.js';
import type { DataType } from './data-types.js';
import { pbEnum } from './pbtxt.js';
import type { PbMessage } from './pbtxt.js';

/** One input or output tensor of config.pbtxt. */
export interface TensorSpec {
  name: string;
  dataType: DataType;
  /** Per row, without the batch dimension when max_batch_size > 0. */
  dims: readonly number[];
  /** A request may leave the input out (the LLM API model's sampling settings). */
  optional?: boolean;
}

export type InstanceKind = 'KIND_GPU' | 'KIND_CPU' | 'KIND_MODEL';

/** Everything config.pbtxt says, resolved from the backend, the options and the instance. */
export interface ModelConfigPlan {
  name: string;
  backend: Backend;
  maxBatchSize: number;
  /** Absent: no dynamic batcher (always so when maxBatchSize is 0). */
  dynamicBatching?: { preferredBatchSizes: readonly number[]; maxQueueDelayUs: number };
  instance: { count: number; kind: InstanceKind };
  /** Empty lets Triton read them from the model (ONNX Runtime, TensorFlow, the LLM backends). */
  inputs: readonly TensorSpec[];
  outputs: readonly TensorSpec[];
  /** Backend parameters (FIL's model_type …), written as string_value entries. */
  parameters: Readonly<Record<string, string>>;
  /** The model answers through a response sender (vLLM and the TensorRT-LLM LLM API require it). */
  decoupled: boolean;
}

function tensor(spec: TensorSpec): PbMessage {
  return {
    name: spec.name,
    data_type: pbEnum(`TYPE_${spec.dataType}`),
    dims: [...spec.dims],
    optional: spec.optional ? true : undefined,
  };
}

/** The plan as Triton's ModelConfig message, field names as config.pbtxt spells them. */
export function modelConfigMessage(plan: ModelConfigPlan): PbMessage {
  const parameters = Object.entries(plan.parameters).map(([key, value]) => ({
    key,
    value: { string_value: value },
  }));
  return {
    name: plan.name,
    backend: BACKEND_FACTS[plan.backend].configBackend,
    max_batch_size: plan.maxBatchSize,
    input: plan.inputs.length > 0 ? plan.inputs.map(tensor) : undefined,
    output: plan.outputs.length > 0 ? plan.outputs.map(tensor) : undefined,
    instance_group: [{ count: plan.instance.count, kind: pbEnum(plan.instance.kind) }],
    dynamic_batching: plan.dynamicBatching
      ? {
          preferred_batch_size:
            plan.dynamicBatching.preferredBatchSizes.length > 0
              ? [...plan.dynamicBatching.preferredBatchSizes]
              : undefined,
          max_queue_delay_microseconds: plan.dynamicBatching.maxQueueDelayUs,
        }
      : undefined,
    model_transaction_policy: plan.decoupled ? { decoupled: true } : undefined,
    parameters: parameters.length > 0 ? parameters : undefined,
  };
}
