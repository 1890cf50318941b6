import type { StatusResult } from '@mcc/sdk';

import { McCommand } from '../base-command.js';
import { openProject, projectFlags, runVerb, verbOf } from '../lifecycle-run.js';

export default class Status extends McCommand<StatusResult> {
  static override summary =
    'Show what mcc deployed for this project, as its target reports it now (SageMaker, or the Kubernetes cluster).';

  static override description =
    'managed-inference: the endpoint, its inference component and autoscaling, as SageMaker reports them. hyperpod-eks: the InferenceEndpointConfig as the HyperPod inference operator reports it (with its SageMaker endpoint) and each of its pods, read through the Kubernetes API.';

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --json',
  ];

  static override flags = { ...projectFlags };

  async run(): Promise<StatusResult> {
    const { flags } = await this.parse(Status);
    const opened = await openProject(this.config, this.stderrLogger, flags, 'status');
    const verb = verbOf(opened, 'status');
    const result = await runVerb(opened, flags, 'status', (context) => verb(context));
    if (!this.jsonEnabled()) {
      if (result.resources.length === 0)
        this.log(`Nothing is deployed for this project in ${result.region}.`);
      for (const r of result.resources)
        this.log(`${r.kind} ${r.name}: ${r.status}${r.detail ? ` (${r.detail})` : ''}`);
    }
    return result;
  }
}
