import { Args, Flags } from '@oclif/core';
import { usageError } from '@mcc/sdk';
import type { InvokeResult, TargetLifecycle } from '@mcc/sdk';

import { McCommand } from '../base-command.js';
import { PAYLOAD_DIR } from '../default-payload.js';
import { invokeInput } from '../invoke-input.js';
import { openProject, projectFlags, runVerb, verbOf } from '../lifecycle-run.js';
import type { OpenedProject } from '../lifecycle-run.js';

/**
 * The target's local invoke. A target without one is refused by name: falling back to its endpoint
 * would answer a question the user did not ask.
 */
function localInvoke(opened: OpenedProject): NonNullable<TargetLifecycle['invokeLocal']> {
  const verb = opened.lifecycle.invokeLocal;
  if (!verb) {
    throw usageError(
      'INVOKE_LOCAL_UNSUPPORTED',
      `The ${opened.targetId} target cannot invoke with --local: only a target whose model runs in a cluster mcc can reach (hyperpod-eks) can.`,
      [
        'Leave out --local to invoke the deployed endpoint.',
        'To try the model on this machine, start it with `mcc run` (do/run) and send it requests.',
      ],
    );
  }
  return verb;
}

export default class Invoke extends McCommand<InvokeResult> {
  static override summary = 'Send a payload to the deployed model and print its answer.';

  static override description = `The payload goes to the target's endpoint: SageMaker's InvokeEndpoint on the endpoint mcc deployed (managed-inference), or on the one the HyperPod inference operator registers (hyperpod-eks), with the endpoint's size limit checked first (6 MB; serverless 4 MB). The async target streams the payload (up to 1 GB) to S3, queues it with InvokeEndpointAsync and waits for the result object; the batch target runs a transform job on an S3 prefix and prints a preview of its results. With --local, a hyperpod-eks deployment is reached without the endpoint: one ready pod, through the Kubernetes API server's pod proxy (it works wherever kubectl port-forward would), which tells a model problem from a routing one.`;

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> rows.csv',
    '<%= config.bin %> <%= command.id %> rows.json --accept text/csv',
    '<%= config.bin %> <%= command.id %> --local',
    '<%= config.bin %> <%= command.id %> s3://my-bucket/scoring/2026-11/',
  ];

  static override args = {
    payload: Args.string({
      description: `Payload file (.csv, .json or .npy); default: the project's sample request in ${PAYLOAD_DIR} (batch: the project's input folder in S3). The async target also takes an S3 object (s3://bucket/key), the batch target an S3 prefix (s3://bucket/prefix/) to run a transform job on.`,
    }),
  };

  static override flags = {
    ...projectFlags,
    'content-type': Flags.string({
      description: 'Content type of the payload (default: from its extension).',
    }),
    accept: Flags.string({ description: 'Reply type: application/json (default) or text/csv.' }),
    local: Flags.boolean({
      description:
        'Reach the model without the endpoint (hyperpod-eks: a ready pod through the API server’s pod proxy).',
      default: false,
    }),
  };

  async run(): Promise<InvokeResult> {
    const { args, flags } = await this.parse(Invoke);
    const opened = await openProject(this.config, this.stderrLogger, flags, 'invoke');
    const verb = flags.local ? localInvoke(opened) : verbOf(opened, 'invoke');
    const options = await invokeInput({
      ...(args.payload === undefined ? {} : { given: args.payload }),
      ...(flags['content-type'] ? { contentType: flags['content-type'] } : {}),
      ...(flags.accept ? { accept: flags.accept } : {}),
      projectDir: opened.project.dir,
      ownInput: !flags.local && opened.lifecycle.invokeReadsOwnInput === true,
    });
    const result = await runVerb(opened, flags, 'invoke', (context) => verb(context, options));
    if (!this.jsonEnabled()) this.log(result.body.trimEnd());
    return result;
  }
}
