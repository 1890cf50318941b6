import type { DeployOptions, DoctorResult, VerbContext } from '@mcc/sdk';

import { managedInferenceContext } from '../context.js';
import { imageToDeploy } from './deploy.js';
import { preflightChecks } from './preflight.js';
import * as requests from './requests.js';
import { isUpdate, readDeployment } from './state.js';

/** `mcc doctor`: the deploy's pre-flight, every check reported, nothing created. */
export async function doctor(context: VerbContext, options: DeployOptions): Promise<DoctorResult> {
  const ctx = managedInferenceContext(context.project.input);
  const identity = await context.aws.call<{ Account?: string; Arn?: string }>(requests.getCallerIdentity());
  let image: string | undefined;
  const checks: DoctorResult['checks'] = [
    {
      name: 'credentials',
      status: 'ok',
      detail: `${identity.Arn ?? 'caller'} in account ${identity.Account ?? '?'}`,
    },
  ];
  try {
    image = imageToDeploy(context, options);
  } catch (error) {
    checks.push({ name: 'image', status: 'fail', detail: (error as Error).message });
  }
  const updating = isUpdate(readDeployment(context.state));
  checks.push(
    ...(await preflightChecks({
      ctx,
      aws: context.aws,
      image,
      givenRole: options.roleArn ?? ctx.roles.execution.arn,
      quota: !updating,
    })),
  );
  return { region: context.aws.region, ...(identity.Account ? { account: identity.Account } : {}), checks };
}
