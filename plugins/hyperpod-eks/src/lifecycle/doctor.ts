import { awsErrorMessage, awsErrorName, describeHyperpodCluster, kubeErrorStatus } from '@mcc/sdk';
import type { DeployOptions, DoctorResult, KubeApi, PreflightCheck, VerbContext } from '@mcc/sdk';

import { IEC_CRD_NAME, IEC_GROUP, IEC_PLURAL } from '../objects/types.js';
import { hyperpodSettings } from '../settings.js';
import type { HyperpodSettings } from '../settings.js';
import { mayI } from './access-review.js';
import { connectToCluster } from './connection.js';
import { CRDS, NAMESPACES, OPERATOR_ADDON } from './resources.js';

interface DescribedCluster {
  ClusterStatus?: string;
  Orchestrator?: { Eks?: { ClusterArn?: string } };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function imageCheck(context: VerbContext, options: DeployOptions): PreflightCheck {
  const image = options.imageUri ?? context.state.read().image?.uri;
  return image
    ? { name: 'image', status: 'ok', detail: image }
    : {
        name: 'image',
        status: 'fail',
        detail: 'none recorded yet: push one (do/build, do/push) or pass --image-uri',
      };
}

/** SageMaker's view of the HyperPod cluster: there, EKS-orchestrated, in service. */
async function clusterCheck(context: VerbContext, cluster: string): Promise<PreflightCheck> {
  const name = 'HyperPod cluster';
  let described: DescribedCluster;
  try {
    described = await context.aws.call<DescribedCluster>(describeHyperpodCluster(cluster));
  } catch (error) {
    const missing =
      /ResourceNotFound/.test(awsErrorName(error)) ||
      (awsErrorName(error) === 'ValidationException' &&
        /not (be )?found|does not exist/i.test(awsErrorMessage(error)));
    return {
      name,
      status: 'fail',
      detail: missing ? `there is no HyperPod cluster "${cluster}" in ${context.aws.region}` : message(error),
    };
  }
  const arn = described.Orchestrator?.Eks?.ClusterArn;
  if (!arn) {
    return {
      name,
      status: 'fail',
      detail: `"${cluster}" is not orchestrated by EKS, so it has no inference operator`,
    };
  }
  const state = described.ClusterStatus ?? 'status unknown';
  const eks = arn.slice(arn.lastIndexOf('/') + 1);
  return {
    name,
    status: state === 'InService' ? 'ok' : 'warn',
    detail: `${cluster} (${state}), orchestrated by EKS cluster ${eks}`,
  };
}

/** `/version` with mcc's credentials: an unknown token is refused there too (401), not only on writes. */
async function serverCheck(api: KubeApi, where: string): Promise<PreflightCheck> {
  const name = 'API server';
  const response = await api.request({ method: 'GET', path: '/version' });
  if (response.status === 401) {
    return {
      name,
      status: 'fail',
      detail: `${where} does not accept your credentials (401): give your IAM identity an EKS access entry, or use --kube-context`,
    };
  }
  if (response.status >= 300)
    return { name, status: 'warn', detail: `${where} answered /version with ${response.status}` };
  const version = (JSON.parse(response.body.toString('utf8')) as { gitVersion?: string }).gitVersion;
  return {
    name,
    status: 'ok',
    detail: `${where} accepts your credentials (Kubernetes ${version ?? 'version unknown'})`,
  };
}

async function operatorCheck(api: KubeApi): Promise<PreflightCheck> {
  const name = 'inference operator';
  try {
    if (await api.get(CRDS, IEC_CRD_NAME))
      return { name, status: 'ok', detail: `CRD ${IEC_CRD_NAME} installed` };
  } catch (error) {
    if (kubeErrorStatus(error) !== 403) throw error;
    return {
      name,
      status: 'warn',
      detail: 'you may not read CRDs, so this cannot be checked; deploy finds out',
    };
  }
  return { name, status: 'fail', detail: `no CRD ${IEC_CRD_NAME}: install the EKS add-on ${OPERATOR_ADDON}` };
}

async function namespaceCheck(api: KubeApi, namespace: string): Promise<PreflightCheck> {
  const name = 'namespace';
  try {
    if (await api.get(NAMESPACES, namespace)) return { name, status: 'ok', detail: `${namespace} exists` };
  } catch (error) {
    if (kubeErrorStatus(error) !== 403) throw error;
    return {
      name,
      status: 'warn',
      detail: `you may not read namespace ${namespace}; deploy assumes it exists`,
    };
  }
  const answer = await mayI(api, { verb: 'create', group: '', resource: 'namespaces' });
  return answer.allowed
    ? { name, status: 'ok', detail: `${namespace} does not exist; mcc deploy will create it` }
    : {
        name,
        status: 'fail',
        detail: `${namespace} does not exist and you may not create it${answer.reason ? ` (${answer.reason})` : ''}`,
      };
}

async function permissionCheck(api: KubeApi, namespace: string): Promise<PreflightCheck> {
  const name = 'permission';
  const answer = await mayI(api, { verb: 'create', group: IEC_GROUP, resource: IEC_PLURAL, namespace });
  return answer.allowed
    ? { name, status: 'ok', detail: `you may create inferenceendpointconfigs in ${namespace}` }
    : {
        name,
        status: 'fail',
        detail: `RBAC does not let you create inferenceendpointconfigs in ${namespace}${answer.reason ? ` (${answer.reason})` : ''}`,
      };
}

/** Runs one cluster check, reporting an error it meets as its failure rather than ending doctor. */
async function guarded(name: string, check: () => Promise<PreflightCheck>): Promise<PreflightCheck> {
  try {
    return await check();
  } catch (error) {
    return { name, status: 'fail', detail: message(error) };
  }
}

async function clusterChecks(context: VerbContext, settings: HyperpodSettings): Promise<PreflightCheck[]> {
  let api: KubeApi;
  let where: string;
  try {
    ({ api, description: where } = await connectToCluster(context, settings.cluster));
  } catch (error) {
    return [{ name: 'API server', status: 'fail', detail: message(error) }];
  }
  const server = await guarded('API server', () => serverCheck(api, where));
  if (server.status === 'fail') return [server];
  return [
    server,
    await guarded('inference operator', () => operatorCheck(api)),
    await guarded('namespace', () => namespaceCheck(api, settings.namespace)),
    await guarded('permission', () => permissionCheck(api, settings.namespace)),
  ];
}

/**
 * `mcc doctor` for HyperPod: what a deploy needs, each reported ok, warn or fail, nothing created.
 * The cluster through SageMaker, the API server with mcc's token, the operator's CRD, the namespace
 * (there, or creatable), and the right to create the object there, asked with access reviews. A
 * cluster SageMaker does not know stops the checks that need it (with `--kube-context` they go on).
 */
export async function doctor(context: VerbContext, options: DeployOptions): Promise<DoctorResult> {
  const settings = hyperpodSettings(context.project.input);
  const checks: PreflightCheck[] = [imageCheck(context, options)];
  const cluster = await clusterCheck(context, settings.cluster);
  checks.push(cluster);
  if (cluster.status !== 'fail' || options.kubeContext !== undefined) {
    checks.push(...(await clusterChecks(context, settings)));
  }
  return { region: context.aws.region, checks };
}
