import { Flags } from '@oclif/core';
import { StateFile } from '@mcc/core';
import { isPlannedKubeRequest, usageError } from '@mcc/sdk';
import type { DeployOptions, DeployResult, PlannedCall } from '@mcc/sdk';

import { McCommand } from '../base-command.js';
import { openProject, projectFlags, runVerb, verbOf } from '../lifecycle-run.js';

/** CloudWatch's rule for alarm names: 1 to 255 characters, not only blanks. */
function alarmName(value: string): string {
  if (value.trim().length === 0 || value.length > 255) {
    throw usageError(
      'ROLLBACK_ALARM_INVALID',
      `--rollback-alarm "${value}" is not a CloudWatch alarm name.`,
      ['An alarm name has 1 to 255 characters and is not blank.'],
    );
  }
  return value;
}

export type DeployCommandResult = { plan: PlannedCall[] } | DeployResult;

export default class Deploy extends McCommand<DeployCommandResult> {
  static override summary =
    'Deploy the pushed image to the project’s target (a SageMaker endpoint, or a HyperPod cluster’s inference operator), or update it in place.';

  static override description = `Run inside a generated project. The image is the one the last \`mcc push\` or \`mcc submit\` recorded, or --image-uri. What mcc creates is recorded in .mcc/state.json: an interrupted deploy resumes, and a second deploy updates what the first created instead of creating anything again. On a SageMaker endpoint (managed-inference) that is a rolling update, which rolls back by itself if a new copy fails or an alarm fires (mcc keeps one on the share of 5XX answers; add yours with --rollback-alarm); on HyperPod (hyperpod-eks) a merge patch of the InferenceEndpointConfig. --plan prints every call with its parameters (AWS calls, and Kubernetes API requests for hyperpod-eks) and makes none.`;

  static override examples = [
    '<%= config.bin %> <%= command.id %> --plan',
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --min-copies 1 --max-copies 4',
    '<%= config.bin %> <%= command.id %> --rollback-alarm my-model-p99-latency',
    '<%= config.bin %> <%= command.id %> --image-uri 123456789012.dkr.ecr.us-east-1.amazonaws.com/my-model:1.0.0',
  ];

  static override flags = {
    ...projectFlags,
    plan: Flags.boolean({
      description:
        'Print the calls a deploy would make (AWS, and Kubernetes API requests for a cluster), and make none.',
      default: false,
    }),
    'image-uri': Flags.string({ description: 'Image to deploy instead of the one the last push recorded.' }),
    'role-arn': Flags.string({
      description: 'Existing SageMaker execution role to use instead of mcc’s own.',
    }),
    'keep-failed': Flags.boolean({
      description: 'Leave what a failed deploy created, to inspect it.',
      default: false,
    }),
    'rollback-alarm': Flags.string({
      description:
        'A CloudWatch alarm of yours that also rolls an update back (besides mcc’s 5XX-rate alarm); repeat for several.',
      multiple: true,
    }),
    'min-copies': Flags.integer({ description: 'Fewest copies autoscaling keeps.', min: 1 }),
    'max-copies': Flags.integer({ description: 'Most copies autoscaling adds.', min: 1 }),
    timeout: Flags.integer({
      description: 'Seconds to wait for the deployment to be in service.',
      default: 1800,
      min: 60,
    }),
  };

  async run(): Promise<DeployCommandResult> {
    const { flags } = await this.parse(Deploy);
    const options: DeployOptions = {
      keepFailed: flags['keep-failed'],
      timeoutSeconds: flags.timeout,
      ...(flags['image-uri'] ? { imageUri: flags['image-uri'] } : {}),
      ...(flags['role-arn'] ? { roleArn: flags['role-arn'] } : {}),
      ...(flags['rollback-alarm'] ? { rollbackAlarms: flags['rollback-alarm'].map(alarmName) } : {}),
      // A gated Hub model's token, when no secret is configured; never printed or written.
      ...(process.env.HF_TOKEN ? { hfToken: process.env.HF_TOKEN } : {}),
      ...(flags['min-copies'] === undefined ? {} : { minCopies: flags['min-copies'] }),
      ...(flags['max-copies'] === undefined ? {} : { maxCopies: flags['max-copies'] }),
      ...(flags['kube-context'] === undefined ? {} : { kubeContext: flags['kube-context'] }),
    };
    const opened = await openProject(this.config, this.stderrLogger, flags, 'deploy');
    if (flags.plan) {
      const plan = verbOf(opened, 'planDeploy')(opened.project, new StateFile(opened.project.dir), options);
      if (!this.jsonEnabled()) this.printPlan(plan, opened.region);
      return { plan };
    }
    const deploy = verbOf(opened, 'deploy');
    const result = await runVerb(opened, flags, 'deploy', (context) => deploy(context, options));
    if (!this.jsonEnabled()) {
      this.log(
        result.summary ??
          `${result.action === 'created' ? 'Deployed' : 'Updated'} ${result.inferenceComponentName} on endpoint ${result.endpointName} (${result.region}) with ${result.imageUri}.`,
      );
      this.log('Next: do/invoke to send the sample payload, mcc status, mcc logs.');
    }
    return result;
  }

  /**
   * One numbered step per call, its parameters below as JSON. A Kubernetes request is shown as the
   * API server would receive it (method, path, content type, body), as `kubectl --raw` takes it.
   */
  private printPlan(plan: readonly PlannedCall[], region: string): void {
    const kube = plan.some(isPlannedKubeRequest);
    this.log(
      kube
        ? `mcc deploy would make these AWS calls in ${region} and Kubernetes API requests (none made):`
        : `mcc deploy would make these AWS calls in ${region} (none made):`,
    );
    const indented = (value: unknown) => {
      for (const line of JSON.stringify(value, null, 2).split('\n')) this.log(`   ${line}`);
    };
    plan.forEach((call, index) => {
      if (isPlannedKubeRequest(call)) {
        this.log(`\n${index + 1}. Kubernetes ${call.method} ${call.path}: ${call.purpose}`);
        if (call.contentType) this.log(`   Content-Type: ${call.contentType}`);
        if (call.body !== undefined) indented(call.body);
        return;
      }
      this.log(`\n${index + 1}. ${call.service} ${call.operation}: ${call.purpose}`);
      indented(call.input);
    });
  }
}
