import { extname } from 'node:path';

import { Args, Flags } from '@oclif/core';
import { payloadFromFile, usageError } from '@mcc/sdk';
import type { InvokeOptions, InvokePayload, InvokeResult, TargetLifecycle } from '@mcc/sdk';

import { McCommand } from '../base-command.js';
import { PAYLOAD_DIR, defaultPayload } from '../default-payload.js';
import { openProject, projectFlags, runVerb, verbOf } from '../lifecycle-run.js';
import type { OpenedProject } from '../lifecycle-run.js';

/** Bucket names are 3 to 63 of `[a-z0-9.-]`. */
const S3_URI = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/;

const TYPES: Readonly<Record<string, string>> = {
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.npy': 'application/x-npy',
};

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
      description: `Payload file (.csv, .json or .npy); default: the project's sample request in ${PAYLOAD_DIR}. The async target also takes an S3 object (s3://bucket/key), the batch target an S3 prefix (s3://bucket/prefix/) to run a transform job on.`,
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
    const given = args.payload;
    const s3Input = given?.startsWith('s3://') ? given : undefined;
    if (s3Input !== undefined && !S3_URI.test(s3Input)) {
      throw usageError('S3_URI_INVALID', `${s3Input} is not an S3 location.`, [
        'Write it as s3://bucket/key or s3://bucket/prefix/.',
      ]);
    }
    const path = s3Input ? undefined : (given ?? defaultPayload(opened.project.dir));
    let payload: InvokePayload | undefined;
    if (!s3Input) {
      try {
        if (path === undefined) throw new Error('no payload');
        payload = await payloadFromFile(path);
      } catch {
        throw usageError(
          'PAYLOAD_NOT_FOUND',
          path !== undefined
            ? `Cannot read the payload file ${path}.`
            : `No payload given, and the project has no sample request in ${PAYLOAD_DIR}/.`,
          [
            'Pass a payload file: mcc invoke rows.csv',
            'Or, for the async and batch targets, an S3 location.',
          ],
        );
      }
    }
    const named = s3Input ?? path ?? '';
    const contentType = flags['content-type'] ?? TYPES[extname(named.replace(/\/+$/, '')).toLowerCase()];
    // An S3 prefix has no extension to go by: the target then uses its own (batch: the project's).
    if (!contentType && !s3Input) {
      throw usageError(
        'CONTENT_TYPE_UNKNOWN',
        `Cannot tell the content type of ${named} from its extension; .csv, .json and .npy are known.`,
        ['Pass --content-type, e.g. --content-type text/csv.'],
      );
    }
    const options: InvokeOptions = {
      ...(payload ? { payload } : {}),
      ...(s3Input ? { s3Input } : {}),
      ...(contentType ? { contentType } : {}),
      ...(flags.accept ? { accept: flags.accept } : {}),
    };
    const result = await runVerb(opened, flags, 'invoke', (context) => verb(context, options));
    if (!this.jsonEnabled()) this.log(result.body.trimEnd());
    return result;
  }
}
