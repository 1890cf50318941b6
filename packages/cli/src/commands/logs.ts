import { Flags } from '@oclif/core';

import { McCommand } from '../base-command.js';
import { openProject, projectFlags, runVerb, verbOf } from '../lifecycle-run.js';

export interface LogsResult {
  lines: { timestamp: number; stream: string; message: string }[];
}

export default class Logs extends McCommand<LogsResult> {
  static override summary =
    'Print the deployed containers’ log lines (CloudWatch Logs, or the pods’ logs on a cluster); --follow keeps printing new ones.';

  static override description =
    'managed-inference: the endpoint’s CloudWatch Logs streams. hyperpod-eks: the model container of each pod, read through the Kubernetes API server (no access to the nodes needed); each line names its pod.';

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --follow',
    '<%= config.bin %> <%= command.id %> --since 120 --json',
  ];

  static override flags = {
    ...projectFlags,
    follow: Flags.boolean({
      char: 'f',
      description: 'Keep printing new lines until Ctrl-C.',
      default: false,
    }),
    since: Flags.integer({ description: 'Minutes of history to start from.', default: 30, min: 1 }),
  };

  async run(): Promise<LogsResult> {
    const { flags } = await this.parse(Logs);
    const opened = await openProject(this.config, this.stderrLogger, flags, 'logs');
    const verb = verbOf(opened, 'logs');
    const lines: LogsResult['lines'] = [];
    const json = this.jsonEnabled();
    await runVerb(opened, flags, 'logs', (context) =>
      verb(context, {
        follow: flags.follow && !json, // --json prints one document, so it cannot follow
        sinceMinutes: flags.since,
        onLine: (line) => {
          if (json) lines.push(line);
          else this.log(`${new Date(line.timestamp).toISOString()} ${line.stream} ${line.message}`);
        },
      }),
    );
    return { lines };
  }
}
