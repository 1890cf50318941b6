import type { ProjectModel } from './model.js';
import type { OptionValues } from './options.js';

/**
 * Everything core resolved for one project: what every plugin's `context()` receives and what every
 * template sees (plus the plugin's own context under `ctx` and the escaping helpers).
 */
export interface ProjectInput {
  /** The project's names and version. */
  project: {
    /** As the user gave it (or derived); the output folder's name. */
    name: string;
    /** Lower-case form for image and repository names (ECR accepts no capitals). */
    imageName: string;
    version: string;
  };
  /** The CLI that generated the project, recorded in mcc.json. */
  generator: { name: string; version: string };
  /** The resolved model with its format and file name. */
  model: ProjectModel;
  /** The server's id, HTTP layer, base image and resolved options (defaults included). */
  server: { id: string; http?: string; baseImage: string; options: OptionValues };
  /**
   * The target's id, resolved options (defaults included) and, when the target declares one, the
   * largest request body its endpoint type accepts (servers cap their own limit to it).
   */
  target: { id: string; options: OptionValues; maxPayloadBytes?: number; requestTimeoutSeconds?: number };
  /** The instance the project is sized for. */
  instance: ProjectInstance;
  /** The AWS region the project deploys to. */
  region: string;
}

/** The instance the project is sized for. */
export interface ProjectInstance {
  instanceType: string;
  vcpu: number;
  /** Host memory; absent for a valid type that mcc's catalog does not describe. */
  memoryGiB?: number;
  acceleratorCount: number;
  /** False when the type is valid for SageMaker but not in mcc's catalog (figures derived from its size). */
  catalogued: boolean;
  /** What a sizer estimated serving the model takes on this instance; absent when none sized it. */
  sizing?: ProjectSizing;
}

/** A sizer's estimate for the chosen instance, kept so a target reserves what the model needs. */
export interface ProjectSizing {
  /** The sizer's id (`cpu`, `gpu` …). */
  sizer: string;
  /** CPU sizers: host memory the server is estimated to use on this instance, in bytes. */
  hostMemoryBytes?: number;
  /** GPU sizers: accelerator memory the model is estimated to use, all its devices together, in bytes. */
  acceleratorMemoryBytes?: number;
  /** GPU sizers: the devices one copy of the model is split over (the engine's tensor-parallel degree). */
  tensorParallelDegree?: number;
  /**
   * GPU sizers: the context length, in tokens, the KV cache was sized for. LLM servers start the
   * engine with it when no `max-model-len` option was given (the engine's own default, the model's
   * full context, may not fit the instance).
   */
  maxModelLen?: number;
  /** GPU sizers: the full-length sequences served at once the KV cache was sized for (recorded, not enforced). */
  concurrency?: number;
}
