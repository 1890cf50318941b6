import type { SubmitResult } from '@mcc/sdk';

import { McCommand } from '../base-command.js';
import { openProject, projectFlags, runVerb, verbOf } from '../lifecycle-run.js';

export default class Submit extends McCommand<SubmitResult> {
  static override summary =
    'Build and push the image in AWS CodeBuild instead of locally (no Docker needed here).';

  static override description = `Ensures the ECR repository, the source bucket (the bucket option, else sagemaker-<region>-<account>), a least-privilege CodeBuild role and project, uploads the project as a zip, starts the build with the project's buildspec.yml, and shows its phases and log lines until it ends. The pushed image is recorded for mcc deploy.`;

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --json',
  ];

  static override flags = { ...projectFlags };

  async run(): Promise<SubmitResult> {
    const { flags } = await this.parse(Submit);
    const opened = await openProject(this.config, this.stderrLogger, flags, 'submit');
    const verb = verbOf(opened, 'submit');
    const result = await runVerb(opened, flags, 'submit', (context) => verb(context));
    if (!this.jsonEnabled())
      this.log(`Built and pushed ${result.imageUri} (build ${result.buildId}); next: do/deploy.`);
    return result;
  }
}
