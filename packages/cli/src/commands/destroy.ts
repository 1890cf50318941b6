import { Flags } from '@oclif/core';
import { confirm } from '@inquirer/prompts';
import type { DestroyResult } from '@mcc/sdk';
import { McError, usageError } from '@mcc/sdk';

import { McCommand } from '../base-command.js';
import { openProject, projectFlags, runVerb, verbOf } from '../lifecycle-run.js';

export default class Destroy extends McCommand<DestroyResult> {
  static override summary = 'Delete what mcc deployed for this project (only what it created), newest first.';

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --yes',
    '<%= config.bin %> <%= command.id %> --yes --keep-images',
  ];

  static override flags = {
    ...projectFlags,
    yes: Flags.boolean({ char: 'y', description: 'Do not ask for confirmation.', default: false }),
    'keep-images': Flags.boolean({
      description: 'Keep the ECR repository mcc created, with its images, to deploy them again later.',
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
          'mcc destroy deletes AWS resources and needs a confirmation.',
          ['Pass --yes to confirm without a prompt.'],
        );
      }
      const sure = await confirm(
        {
          message: `Delete the AWS resources mcc created for ${opened.project.input.project.name} in ${opened.region}${flags['keep-images'] ? ' (keeping the images)' : ', its image repository included'}?`,
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
