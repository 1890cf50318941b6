import type { TargetLifecycle } from '@mcc/sdk';

import { deploy } from './deploy.js';
import { destroy } from './destroy.js';
import { invoke } from './invoke.js';
import { logs } from './logs.js';
import { planDeploy } from './plan.js';
import { push } from './push.js';
import { build, run } from './scripts.js';
import { status } from './status.js';

/** The batch verbs, loaded only by the commands that run them. */
export const batchLifecycle: TargetLifecycle = {
  planDeploy,
  deploy,
  status,
  destroy,
  invoke,
  // `mcc invoke` alone runs a job on the project's input folder, not on the sample request.
  invokeReadsOwnInput: true,
  logs,
  push,
  build,
  run,
};
