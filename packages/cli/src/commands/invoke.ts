import { readFileSync } from 'node:fs';
import { extname } from 'node:path';

import { Args, Flags } from '@oclif/core';
import { usageError } from '@mcc/sdk';
import type { InvokeResult } from '@mcc/sdk';

import { McCommand } from '../base-command.js';
import { PAYLOAD_DIR, defaultPayload } from '../default-payload.js';
import { openProject, projectFlags, runVerb, verbOf } from '../lifecycle-run.js';

const TYPES: Readonly<Record<string, string>> = {
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.npy': 'application/x-npy',
};

export default class Invoke extends McCommand<InvokeResult> {
  static override summary = 'Send a payload to the deployed model and print its answer.';

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> rows.csv',
    '<%= config.bin %> <%= command.id %> rows.json --accept text/csv',
  ];

  static override args = {
    payload: Args.string({
      description: `Payload file (.csv, .json or .npy); default: the project's sample request in ${PAYLOAD_DIR}.`,
    }),
  };

  static override flags = {
    ...projectFlags,
    'content-type': Flags.string({
      description: 'Content type of the payload (default: from its extension).',
    }),
    accept: Flags.string({ description: 'Reply type: application/json (default) or text/csv.' }),
  };

  async run(): Promise<InvokeResult> {
    const { args, flags } = await this.parse(Invoke);
    const opened = await openProject(this.config, this.stderrLogger, flags, 'invoke');
    const verb = verbOf(opened, 'invoke');
    const path = args.payload ?? defaultPayload(opened.project.dir);
    let body: Buffer;
    try {
      if (path === undefined) throw new Error('no payload');
      body = readFileSync(path);
    } catch {
      throw usageError(
        'PAYLOAD_NOT_FOUND',
        path !== undefined
          ? `Cannot read the payload file ${path}.`
          : `No payload given, and the project has no sample request in ${PAYLOAD_DIR}/.`,
        ['Pass a payload file: mcc invoke rows.csv'],
      );
    }
    const contentType = flags['content-type'] ?? TYPES[extname(path).toLowerCase()];
    if (!contentType) {
      throw usageError(
        'CONTENT_TYPE_UNKNOWN',
        `Cannot tell the content type of ${path} from its extension; .csv, .json and .npy are known.`,
        ['Pass --content-type, e.g. --content-type text/csv.'],
      );
    }
    const result = await runVerb(opened, flags, 'invoke', (context) =>
      verb(context, { body, contentType, ...(flags.accept ? { accept: flags.accept } : {}) }),
    );
    if (!this.jsonEnabled()) this.log(result.body.trimEnd());
    return result;
  }
}
