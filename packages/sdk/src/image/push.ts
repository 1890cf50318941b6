import { McError } from '../errors.js';
import type { PushResult, VerbContext } from '../lifecycle/verbs.js';
import type { ImageNames } from './context.js';
import type { ContainerEngine } from './engine-option.js';
import { containerEngine } from './engine.js';
import { runProcess } from './process.js';
import { registryHost } from './registry.js';
import { ensureRepository } from './repository.js';
import type { RepositorySpec } from './repository.js';
import * as requests from './requests.js';

/** What a target tells `pushImage`: its image, engine choice and repository record. */
export interface PushSpec {
  image: Pick<ImageNames, 'repository' | 'tag' | 'local'>;
  containerEngine: ContainerEngine;
  /** Where the repository is recorded when mcc creates it, and its tags. */
  repositoryState: Omit<RepositorySpec, 'repository'>;
  /** The DNS suffix of the region's endpoints, when the target knows its partition. */
  dnsSuffix?: string;
}

interface AuthorizationData {
  authorizationToken?: string;
  proxyEndpoint?: string;
}

const DIGEST = /digest: (sha256:[a-f0-9]{64})/;

/**
 * `mcc push`: the image do/build made, to the project's ECR repository (created with scan on push and
 * encryption when missing), logged in with a token from GetAuthorizationToken passed on stdin.
 * Records the pushed image by digest in `state.image`, so a deploy gets exactly these bytes even if
 * the tag moves.
 */
export async function pushImage(context: VerbContext, spec: PushSpec): Promise<PushResult> {
  const engine = containerEngine(spec.containerEngine);
  const cwd = context.project.dir;
  const { local, repository, tag } = spec.image;
  const inspected = await runProcess([engine, 'image', 'inspect', local], { cwd, echo: () => undefined });
  if (inspected.code !== 0) {
    throw new McError(`The image ${local} is not built yet.`, {
      code: 'IMAGE_NOT_BUILT',
      suggestions: ['Build it with do/build (mcc build).'],
    });
  }
  const identity = await context.aws.call<{ Account?: string }>(requests.getCallerIdentity());
  const account = identity.Account ?? '';
  await ensureRepository(context, { repository, ...spec.repositoryState });
  const auth = await context.aws.call<{ authorizationData?: AuthorizationData[] }>(
    requests.getAuthorizationToken(),
  );
  const data = auth.authorizationData?.[0];
  const decoded = Buffer.from(data?.authorizationToken ?? '', 'base64').toString('utf8');
  const split = decoded.indexOf(':');
  if (!data?.proxyEndpoint || split < 0) {
    throw new McError('ECR returned no usable authorization token.', { code: 'ECR_LOGIN_FAILED' });
  }
  const host = registryHost(account, context.aws.region, spec.dnsSuffix);
  const remote = `${host}/${repository}:${tag}`;
  context.progress.step(`Logging ${engine} in to ${host}`);
  const login = await runProcess(
    [engine, 'login', '--username', decoded.slice(0, split), '--password-stdin', data.proxyEndpoint],
    { cwd, stdin: decoded.slice(split + 1) },
  );
  if (login.code !== 0) {
    throw new McError(`${engine} login to ${host} failed (exit ${login.code}).`, {
      code: 'ECR_LOGIN_FAILED',
    });
  }
  const tagged = await runProcess([engine, 'tag', local, remote], { cwd });
  if (tagged.code !== 0)
    throw new McError(`${engine} tag ${local} ${remote} failed.`, { code: 'PUSH_FAILED' });
  context.progress.step(`Pushing ${remote}`);
  const pushed = await runProcess([engine, 'push', remote], { cwd });
  if (pushed.code !== 0) {
    throw new McError(`${engine} push ${remote} failed (exit ${pushed.code}).`, {
      code: 'PUSH_FAILED',
      suggestions: ['Its output is above; run again once the cause is fixed (the repository is kept).'],
    });
  }
  const digest = DIGEST.exec(pushed.output)?.[1];
  const uri = digest ? `${host}/${repository}@${digest}` : remote;
  const state = context.state.read();
  state.image = { uri, pushedAt: new Date(context.clock.now()).toISOString(), by: 'push' };
  context.state.write(state);
  return { imageUri: uri, tag: remote, region: context.aws.region };
}
