import type { TargetLifecycle } from '@mcc/sdk';

import { deploy } from './deploy.js';
import { destroy } from './destroy.js';
import { doctor } from './doctor.js';
import { build, push, run } from './image.js';
import { invoke } from './invoke.js';
import { invokeLocal } from './invoke-local.js';
import { logs } from './logs.js';
import { planDeploy } from './plan.js';
import { status } from './status.js';

/**
 * The hyperpod-eks verbs, loaded only by the commands that run them. The plan lists the AWS calls
 * and the Kubernetes requests of a deploy. Build, run and push are the image kit's (shared with
 * managed-inference); there is no submit (no cloud build), which the CLI answers with an error
 * naming this target.
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
  build,
  run,
  push,
};
