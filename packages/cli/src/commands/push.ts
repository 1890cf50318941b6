import type { PushResult } from '@mcc/sdk';

import { McCommand } from '../base-command.js';
import { openProject, projectFlags, runVerb, verbOf } from '../lifecycle-run.js';

export default class Push extends McCommand<PushResult> {
  static override summary =
    'Push the image do/build made to the project’s Amazon ECR repository, creating it if needed.';

  static override description = `Logs docker (or podman) in to ECR with a token passed on stdin, pushes the version tag and records the image by digest in .mcc/state.json, which mcc deploy then uses.`;

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --region eu-west-1',
  ];

  static override flags = { ...projectFlags };

  async run(): Promise<PushResult> {
    const { flags } = await this.parse(Push);
    const opened = await openProject(this.config, this.stderrLogger, flags, 'push');
    const verb = verbOf(opened, 'push');
    const result = await runVerb(opened, flags, 'push', (context) => verb(context));
    if (!this.jsonEnabled()) {
      this.log(`Pushed ${result.tag}`);
      this.log(`Recorded ${result.imageUri}; next: do/deploy (mcc deploy).`);
    }
    return result;
  }
}
