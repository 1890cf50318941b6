import type { RunResult } from '@mcc/sdk';

import { McCommand } from '../base-command.js';
import { openProject, projectFlags, runVerb, verbOf } from '../lifecycle-run.js';

export default class Run extends McCommand<RunResult> {
  static override summary =
    'Start the built image locally as SageMaker would, and wait until /ping answers (do/run).';

  static override description =
    'Arguments after -- go to the container engine. The environment variables do/run documents (MCC_CONTAINER_ENGINE, MCC_PLATFORM, BASE_IMAGE, PORT, MCC_RUN_TIMEOUT) apply.';

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> -- --no-cache',
  ];

  static override strict = false;

  static override flags = { ...projectFlags };

  async run(): Promise<RunResult> {
    const { flags, argv } = await this.parse(Run);
    const opened = await openProject(this.config, this.stderrLogger, flags, 'run');
    const verb = verbOf(opened, 'run');
    const result = await runVerb(opened, flags, 'run', (context) => verb(context, argv as string[]));
    if (!this.jsonEnabled()) this.log(`Serving on ${result.url} (container ${result.container}).`);
    return result;
  }
}
