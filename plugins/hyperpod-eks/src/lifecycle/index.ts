import type { TargetLifecycle } from '@mcc/sdk';

import { deploy } from './deploy.js';
import { destroy } from './destroy.js';
import { invoke } from './invoke.js';
import { logs } from './logs.js';
import { status } from './status.js';

/**
 * The hyperpod-eks verbs, loaded only by the commands that run them. There is no `planDeploy`: a
 * plan is a list of AWS calls in the lifecycle contract, and most of this deploy is Kubernetes
 * requests it cannot describe. Build, push and doctor are not written; the CLI answers them with
 * an error naming this target.
 */
export const hyperpodEksLifecycle: TargetLifecycle = { deploy, status, destroy, invoke, logs };
