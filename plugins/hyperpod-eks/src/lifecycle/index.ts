import type { TargetLifecycle } from '@mcc/sdk';

import { deploy } from './deploy.js';

/**
 * The hyperpod-eks verbs, loaded only by the commands that run them. Status, logs, invoke and
 * destroy are not written yet; the CLI answers them with an error naming this target.
 */
export const hyperpodEksLifecycle: TargetLifecycle = { deploy };
