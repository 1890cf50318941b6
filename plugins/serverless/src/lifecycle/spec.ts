import type { ModelEndpointSpec } from '@mcc/sdk';

import { iamScope } from '../context.js';
import type { ServerlessContext } from '../context.js';
import { iamDocuments } from '../iam.js';
import { explainLimit } from './faults.js';
import * as requests from './requests.js';
import { readServerless, saveServerless } from './state.js';
import type { ServerlessState } from './state.js';

/** The serverless target as the sdk's model-endpoint deploy and teardown see it. */
export function serverlessSpec(ctx: ServerlessContext): ModelEndpointSpec<ServerlessState> {
  const docs = (account: string) => iamDocuments(iamScope(ctx, account));
  const { memoryMb, maxConcurrency, provisionedConcurrency } = ctx.serverless;
  return {
    label: 'serverless endpoint',
    endpointName: ctx.endpoint.name,
    modelBase: ctx.model.name,
    configBase: ctx.endpoint.configName,
    role: {
      name: ctx.role.name,
      policyName: ctx.role.policyName,
      partition: ctx.partition,
      ...(ctx.role.arn ? { arn: ctx.role.arn } : {}),
    },
    logGroup: ctx.logGroup,
    requests: {
      ...requests,
      createRole: (account) => requests.createRole(ctx, docs(account)),
      putRolePolicy: (account) => requests.putRolePolicy(ctx, docs(account)),
      createModel: (name, image, roleArn) => requests.createModel(ctx, name, image, roleArn),
      createEndpointConfig: (name, model) => requests.createEndpointConfig(ctx, name, model),
      createEndpoint: (config) => requests.createEndpoint(ctx, config),
      updateEndpoint: (config) => requests.updateEndpoint(ctx, config),
    },
    read: readServerless,
    save: saveServerless,
    fresh: (region) => ({ region, models: [], endpointConfigs: [] }),
    describeConfig: (name) =>
      `Creating the endpoint configuration ${name} (serverless, ${memoryMb} MB, up to ${maxConcurrency} concurrent${provisionedConcurrency ? `, ${provisionedConcurrency} provisioned` : ''})`,
    warnings: ctx.warnings,
    failureSuggestions: [
      `Serverless endpoints start the container within ${memoryMb} MB: a model that needs more fails to load.`,
    ],
    explain: explainLimit,
    summary: (image) =>
      `serverless endpoint ${ctx.endpoint.name} (${memoryMb} MB, up to ${maxConcurrency} concurrent invocations) running ${image}`,
  };
}
