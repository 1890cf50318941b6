import type { BuildResult } from '@mcc/sdk';

import { McCommand } from '../base-command.js';
import { openProject, projectFlags, runVerb, verbOf } from '../lifecycle-run.js';

export default class Build extends McCommand<BuildResult> {
  static override summary =
    'Build the container image locally with docker or podman (do/build), for linux/amd64 by default.';

  static override description =
    'Arguments after -- go to the container engine. The environment variables do/build documents (MCC_CONTAINER_ENGINE, MCC_PLATFORM, BASE_IMAGE, PORT, MCC_RUN_TIMEOUT) apply.';

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> -- --no-cache',
  ];

  static override strict = false;

  static override flags = { ...projectFlags };

  async run(): Promise<BuildResult> {
    const { flags, argv } = await this.parse(Build);
    const opened = await openProject(this.config, this.stderrLogger, flags, 'build');
    const verb = verbOf(opened, 'build');
    const result = await runVerb(opened, flags, 'build', (context) => verb(context, argv as string[]));
    if (!this.jsonEnabled())
      this.log(`Built ${result.image} for ${result.platform}. Next: mcc run to try it, then mcc push.`);
    return result;
  }
}
