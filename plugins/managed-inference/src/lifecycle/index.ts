import type { TargetLifecycle } from '@mcc/sdk';

import { deploy } from './deploy.js';
import { destroy } from './destroy.js';
import { doctor } from './doctor.js';
import { invoke } from './invoke.js';
import { logs } from './logs.js';
import { push } from './push.js';
import { build, run } from './scripts.js';
import { submit } from './submit.js';
import { planDeploy } from './plan.js';
import { status } from './status.js';

/** The managed-inference verbs, loaded only by the commands that run them. */
export const managedInferenceLifecycle: TargetLifecycle = {
  planDeploy,
  deploy,
  status,
  destroy,
  invoke,
  logs,
  push,
  build,
  run,
  doctor,
  submit,
};
