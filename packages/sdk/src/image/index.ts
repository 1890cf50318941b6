/**
 * `@mcc/sdk/image`: the container-image kit every target shares: the `do/build`, `do/run` and
 * `do/push` templates, and the `build`, `run` and `push` verbs behind them (ECR repository, login,
 * tag, push, `state.image`). A target puts `ImageKitContext`'s fields in its own context, adds
 * `imageTemplatesDir` before its templates folder, and calls the verbs from its lifecycle.
 * Cheap to import: the verbs load nothing heavier than `node:child_process`.
 */
export { CONTAINER_PORT, imageNames, imageTag, localRun, s3FolderUri } from './context.js';
export type { ImageKitContext, ImageNames, LocalRun } from './context.js';
export {
  CONTAINER_ENGINES,
  CONTAINER_ENGINE_OPTION,
  containerEngineOf,
  containerEngineOption,
} from './engine-option.js';
export type { ContainerEngine } from './engine-option.js';
export { containerEngine, onPath } from './engine.js';
export { runProcess } from './process.js';
export type { ProcessResult } from './process.js';
export { pushImage } from './push.js';
export type { PushSpec } from './push.js';
export { dnsSuffixOf, registryHost } from './registry.js';
export { REPOSITORY_KIND, destroyRepository, ensureRepository, readRepository } from './repository.js';
export type { RemoveResource, RepositorySpec, RepositoryState } from './repository.js';
export * as imageRequests from './requests.js';
export type { ResourceTag } from './requests.js';
export { buildImage, runImage } from './scripts.js';
export { imageTemplatesDir } from './templates-dir.js';
