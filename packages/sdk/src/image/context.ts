import type { ProjectInput } from '../project.js';
import type { ContainerEngine } from './engine-option.js';

/** The local image `do/build` makes, and the ECR repository `mcc push` sends it to (same name). */
export interface ImageNames {
  /** The ECR repository, also the local image name. */
  repository: string;
  tag: string;
  /** `<repository>:<tag>` and `<repository>:latest`, as built locally. */
  local: string;
  latest: string;
  /** What the image is built for: the target's hosts, not this machine. */
  platform: string;
}

/** How `do/run` starts the image on this machine, as the target's hosts would. */
export interface LocalRun {
  /** Name of the container `do/run` starts (and replaces on the next run). */
  container: string;
  /** Host port published for the container's 8080 (the SageMaker contract's port). */
  port: number;
  /** Instances with accelerators: the local container gets the host's GPUs. */
  gpu: boolean;
  /** Variables passed from the caller's environment by name, never by value. */
  passEnv: string[];
  /** How long `do/run` waits for `/ping`. */
  timeoutSeconds: number;
  /** The path do/run's closing hint invokes, after `http://127.0.0.1:<port>/`. */
  invocationPath: string;
  /** The S3 prefix (`s3://bucket/prefix/`) `do/run` syncs a local copy of the model from, for an S3 model. */
  modelUri?: string;
}

/**
 * What the image kit's templates read under `ctx`. A target's own context includes these fields at
 * its top level, so one context serves both its templates and the kit's.
 */
export interface ImageKitContext {
  region: string;
  containerEngine: ContainerEngine;
  image: ImageNames;
  run: LocalRun;
  /** How users get the `mcc` CLI that `do/push` calls. */
  installHint: string;
  /**
   * A target's way to build in the cloud instead (managed-inference: `submit` in CodeBuild), named
   * at the end of `do/build` and in `mcc build`'s emulation warning; absent when there is none.
   */
  remoteBuild?: { verb: string; service: string };
}

/** The port the SageMaker container contract serves on, inside the container. */
export const CONTAINER_PORT = 8080;

const HF_ENV = ['HF_TOKEN', 'HF_ENDPOINT'];

/** Docker and ECR tags: `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`; a semver `+build` part is not allowed. */
export function imageTag(version: string): string {
  const cleaned = version.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[.-]+/, '');
  return (cleaned === '' ? 'latest' : cleaned).slice(0, 128);
}

/** The image names of a project: its image name is the repository, its version the tag. */
export function imageNames(imageName: string, version: string, platform = 'linux/amd64'): ImageNames {
  const tag = imageTag(version);
  return {
    repository: imageName,
    tag,
    local: `${imageName}:${tag}`,
    latest: `${imageName}:latest`,
    platform,
  };
}

/**
 * The folder form of an `s3://bucket/prefix` model URI, ending in a slash so `aws s3 sync` copies
 * the prefix's contents; undefined for anything that is not an S3 URI.
 */
export function s3FolderUri(location: string): string | undefined {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(location);
  if (!match) return undefined;
  const prefix = (match[2] ?? '').replace(/^\/+/, '');
  return `s3://${match[1]!}/${prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`}`;
}

/**
 * `do/run`'s settings for a project. A Hub model fetched at start-up gets the caller's token by
 * name; an S3 model is synced on the host and mounted, as SageMaker copies it, so no AWS keys enter
 * the container. Runtime downloads and GPU engines take minutes to load; a baked-in model, seconds.
 */
export function localRun(input: ProjectInput, container: string, invocationPath = 'invocations'): LocalRun {
  const { model } = input;
  const runtime = model.delivery === 'runtime';
  const gpu = input.instance.acceleratorCount > 0;
  const modelUri =
    runtime && model.source === 's3' && model.location ? s3FolderUri(model.location) : undefined;
  return {
    container,
    port: CONTAINER_PORT,
    gpu,
    passEnv: runtime && model.source === 'huggingface' ? [...HF_ENV] : [],
    timeoutSeconds: runtime || gpu ? 600 : 120,
    invocationPath,
    ...(modelUri === undefined ? {} : { modelUri }),
  };
}
