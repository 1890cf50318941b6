import { Flags } from '@oclif/core';
import type { DoctorResult } from '@mcc/sdk';

import { McCommand } from '../base-command.js';
import { openProject, projectFlags, runVerb, verbOf } from '../lifecycle-run.js';

const MARKS = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' } as const;

export default class Doctor extends McCommand<DoctorResult> {
  static override summary =
    'Check what a deploy needs (credentials, region, image in ECR, role, quota) without creating anything.';

  static override description =
    'Exits with code 1 when a check fails (the same checks stop mcc deploy before it creates anything).';

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --json',
  ];

  static override flags = {
    ...projectFlags,
    'image-uri': Flags.string({ description: 'Image to check instead of the one the last push recorded.' }),
    'role-arn': Flags.string({ description: 'Existing execution role to check.' }),
  };

  async run(): Promise<DoctorResult> {
    const { flags } = await this.parse(Doctor);
    const opened = await openProject(this.config, this.stderrLogger, flags, 'doctor');
    const verb = verbOf(opened, 'doctor');
    const result = await runVerb(opened, flags, 'doctor', (context) =>
      verb(context, {
        keepFailed: false,
        timeoutSeconds: 0,
        ...(flags['image-uri'] ? { imageUri: flags['image-uri'] } : {}),
        ...(flags['role-arn'] ? { roleArn: flags['role-arn'] } : {}),
      }),
    );
    if (!this.jsonEnabled()) {
      this.log(`region ${result.region}${result.account ? `, account ${result.account}` : ''}`);
      for (const check of result.checks) this.log(`${MARKS[check.status]}  ${check.name}: ${check.detail}`);
    }
    if (result.checks.some((check) => check.status === 'fail')) process.exitCode = 1;
    return result;
  }
}
