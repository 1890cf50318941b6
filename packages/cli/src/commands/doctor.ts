import { Flags } from '@oclif/core';
import type { DoctorResult } from '@mcc/sdk';

import { McCommand } from '../base-command.js';
import { openProject, projectFlags, runVerb, verbOf } from '../lifecycle-run.js';

const MARKS = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' } as const;

export default class Doctor extends McCommand<DoctorResult> {
  static override summary =
    'Check what a deploy needs without creating anything (credentials, image, role, quota; or cluster, operator, namespace, RBAC).';

  static override description =
    'managed-inference: credentials, region, the image in ECR, the role and the instance quota; the same checks stop mcc deploy before it creates anything. hyperpod-eks: the HyperPod cluster and its EKS orchestration, the API server with your credentials, the inference operator’s CRD, the namespace, and whether RBAC lets you create the InferenceEndpointConfig there (asked with access reviews). Exits with code 1 when a check fails.';

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
        ...(flags['kube-context'] === undefined ? {} : { kubeContext: flags['kube-context'] }),
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
