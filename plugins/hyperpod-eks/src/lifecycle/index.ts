import type { TargetLifecycle } from '@mcc/sdk';

import { deploy } from './deploy.js';
import { destroy } from './destroy.js';
import { doctor } from './doctor.js';
import { invoke } from './invoke.js';
import { invokeLocal } from './invoke-local.js';
import { logs } from './logs.js';
import { planDeploy } from './plan.js';
import { status } from './status.js';

/**
 * The hyperpod-eks verbs, loaded only by the commands that run them. The plan lists the AWS calls
 * and the Kubernetes requests of a deploy. Build, push and submit are not written (the image is
 * built and pushed as for any target, by do/ scripts); the CLI answers them with an error naming
 * this target.
 */
export const hyperpodEksLifecycle: TargetLifecycle = {
  planDeploy,
  deploy,
  status,
  destroy,
  invoke,
  invokeLocal,
  logs,
  doctor,
};
