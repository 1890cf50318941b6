import { awsErrorMessage, awsErrorName, isNotFound } from '@mcc/sdk';
import type { AwsCall, StatusResult, VerbContext } from '@mcc/sdk';

import { alarmsIn, describeAlarms } from './alarms.js';
import type { DescribedAlarms } from './alarms.js';
import * as requests from './requests.js';
import { readDeployment } from './state.js';

interface Described {
  EndpointStatus?: string;
  InferenceComponentStatus?: string;
  FailureReason?: string;
  RuntimeConfig?: { CurrentCopyCount?: number; DesiredCopyCount?: number };
}

/** `mcc status`: what the state records, as AWS reports it now (one Describe per resource). */
export async function status(context: VerbContext): Promise<StatusResult> {
  const deployment = readDeployment(context.state);
  const resources: StatusResult['resources'] = [];
  const describe = async (kind: string, name: string, call: AwsCall) => {
    try {
      const found = await context.aws.call<Described>(call);
      const state = found.EndpointStatus ?? found.InferenceComponentStatus ?? 'unknown';
      const copies = found.RuntimeConfig
        ? `${found.RuntimeConfig.CurrentCopyCount ?? '?'} of ${found.RuntimeConfig.DesiredCopyCount ?? '?'} copies`
        : undefined;
      const detail = [found.FailureReason, copies].filter(Boolean).join('; ');
      resources.push({ kind, name, status: state, ...(detail ? { detail } : {}) });
    } catch (error) {
      if (!isNotFound(error)) throw error;
      resources.push({
        kind,
        name,
        status: 'missing',
        detail: 'recorded in .mcc/state.json but not found in AWS',
      });
    }
  };
  if (deployment?.endpoint) {
    await describe('endpoint', deployment.endpoint.name, requests.describeEndpoint(deployment.endpoint.name));
  }
  if (deployment?.inferenceComponent) {
    const name = deployment.inferenceComponent.name;
    await describe('inference-component', name, requests.describeInferenceComponent(name));
  }
  if (deployment?.rollbackAlarm) resources.push(await alarmStatus(context, deployment.rollbackAlarm.name));
  const live = resources.some((r) => r.status === 'InService');
  return { region: context.aws.region, deployed: live, resources };
}

/** The rollback alarm's state. It only explains, so failing to read it never hides the endpoint's. */
async function alarmStatus(context: VerbContext, name: string): Promise<StatusResult['resources'][number]> {
  const kind = 'rollback-alarm';
  try {
    const found = alarmsIn(await context.aws.call<DescribedAlarms>(describeAlarms([name])))[0];
    if (!found) return { kind, name, status: 'missing', detail: 'the next deploy sets it up again' };
    const status = found.StateValue ?? 'unknown';
    return status === 'ALARM' && found.StateReason
      ? { kind, name, status, detail: found.StateReason }
      : { kind, name, status };
  } catch (error) {
    return { kind, name, status: 'unknown', detail: `${awsErrorName(error)}: ${awsErrorMessage(error)}` };
  }
}
