import { Flags } from '@oclif/core';
import { confirm } from '@inquirer/prompts';
import type { DestroyResult } from '@mcc/sdk';
import { McError, usageError } from '@mcc/sdk';

import { McCommand } from '../base-command.js';
import { openProject, projectFlags, runVerb, verbOf } from '../lifecycle-run.js';

export default class Destroy extends McCommand<DestroyResult> {
  static override summary = 'Delete what mcc deployed for this project (only what it created), newest first.';

  static override description =
    'managed-inference: in AWS, submit’s CodeBuild project, then autoscaling, the rollback alarm, the inference component, the endpoint, its configurations and the role, then the ECR repository (kept with --keep-images); what mcc found rather than created is left alone. hyperpod-eks: the InferenceEndpointConfig (waiting until the operator has removed its pods and SageMaker endpoint) and the namespace only if mcc created it, then the ECR repository mcc push created (kept with --keep-images).';

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --yes',
    '<%= config.bin %> <%= command.id %> --yes --keep-images',
  ];

  static override flags = {
    ...projectFlags,
    yes: Flags.boolean({ char: 'y', description: 'Do not ask for confirmation.', default: false }),
    'keep-images': Flags.boolean({
      description:
        'Keep the ECR repository mcc created, with its images, to deploy them again later (managed-inference; other targets never delete images).',
      default: false,
    }),
  };

  async run(): Promise<DestroyResult> {
    const { flags } = await this.parse(Destroy);
    const opened = await openProject(this.config, this.stderrLogger, flags, 'destroy');
    const verb = verbOf(opened, 'destroy');
    if (!flags.yes) {
      if (!process.stdin.isTTY || this.jsonEnabled()) {
        throw usageError(
          'CONFIRMATION_REQUIRED',
          `mcc destroy deletes what mcc deployed (${opened.targetId}) and needs a confirmation.`,
          ['Pass --yes to confirm without a prompt.'],
        );
      }
      const sure = await confirm(
        {
          message: `Delete what mcc deployed for ${opened.project.input.project.name} with the ${opened.targetId} target (${opened.region})${flags['keep-images'] ? ', keeping the images' : ', including an image repository mcc created'}?`,
          default: false,
        },
        { output: process.stderr },
      );
      if (!sure) throw new McError('Nothing deleted.', { code: 'CANCELLED' });
    }
    const result = await runVerb(opened, flags, 'destroy', (context) =>
      verb(context, { keepImages: flags['keep-images'] }),
    );
    if (!this.jsonEnabled()) {
      for (const d of result.deleted) this.log(`deleted ${d.kind} ${d.name}`);
      for (const d of result.alreadyGone) this.log(`already gone: ${d.kind} ${d.name}`);
      if (result.deleted.length + result.alreadyGone.length === 0)
        this.log('Nothing to delete: mcc has recorded no deployment here.');
    }
    return result;
  }
}
