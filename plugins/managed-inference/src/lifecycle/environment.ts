import { usageError } from '@mcc/sdk';
import type { DeployOptions, ProjectInput } from '@mcc/sdk';

import type { ManagedInferenceContext } from '../context.js';
import { OPTION_KEYS } from '../options.js';

/** The variable the LLM servers' `serve` reads a Hugging Face token's secret ARN from. */
export const HF_TOKEN_SECRET_ENV = 'MCC_HF_TOKEN_SECRET_ARN';
/** What `--plan` shows instead of a token. */
export const PLAN_TOKEN = '<HF_TOKEN from your environment, not shown>';

/** The container's environment, and whether it carries a token in plain text (worth a warning). */
export interface ContainerEnvironment {
  variables: Record<string, string>;
  plainToken: boolean;
}

/**
 * A Hub model reaches the container by its id, so a gated one needs a token there: preferably the
 * secret named by the `hf-token-secret` option (the container reads it at start-up; only its ARN is
 * in the environment), else the deployer's HF_TOKEN, passed as is. A gated model with neither is
 * refused before any call.
 */
export function containerEnvironment(
  input: ProjectInput,
  ctx: ManagedInferenceContext,
  options: Pick<DeployOptions, 'hfToken'>,
  token: (value: string) => string = (value) => value,
): ContainerEnvironment {
  const hub = input.model.hub;
  if (!hub) return { variables: {}, plainToken: false };
  if (ctx.hfTokenSecret)
    return { variables: { [HF_TOKEN_SECRET_ENV]: ctx.hfTokenSecret }, plainToken: false };
  if (options.hfToken) return { variables: { HF_TOKEN: token(options.hfToken) }, plainToken: true };
  if (hub.gated) {
    throw usageError(
      'HF_TOKEN_REQUIRED',
      `${hub.id} is gated on the Hugging Face Hub: the endpoint needs a token to download it.`,
      [
        `Store a token in AWS Secrets Manager and regenerate with --option ${OPTION_KEYS.hfTokenSecret}=<secret ARN> (the container reads it at start-up).`,
        'Or set HF_TOKEN in this shell for the deploy: it is then passed to the endpoint as an environment variable.',
      ],
    );
  }
  return { variables: {}, plainToken: false };
}
