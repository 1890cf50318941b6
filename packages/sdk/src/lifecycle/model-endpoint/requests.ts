import type { AwsCall } from '../aws.js';

/**
 * The requests every model-based endpoint target makes alike (checked against the STS, IAM and
 * SageMaker API references); a target builds only those whose body is its own.
 */
export const modelEndpointRequests = {
  getCallerIdentity: (): AwsCall => ({ service: 'sts', operation: 'GetCallerIdentity', input: {} }),
  getRole: (name: string): AwsCall => ({ service: 'iam', operation: 'GetRole', input: { RoleName: name } }),
  createEndpoint: (
    endpoint: string,
    config: string,
    tags: readonly { Key: string; Value: string }[],
  ): AwsCall => ({
    service: 'sagemaker',
    operation: 'CreateEndpoint',
    input: { EndpointName: endpoint, EndpointConfigName: config, Tags: tags },
  }),
  /** Points the live endpoint at a new configuration; SageMaker switches over and rolls back on failure. */
  updateEndpoint: (endpoint: string, config: string): AwsCall => ({
    service: 'sagemaker',
    operation: 'UpdateEndpoint',
    input: { EndpointName: endpoint, EndpointConfigName: config },
  }),
  describeEndpoint: (name: string): AwsCall => ({
    service: 'sagemaker',
    operation: 'DescribeEndpoint',
    input: { EndpointName: name },
  }),
  deleteEndpoint: (name: string): AwsCall => ({
    service: 'sagemaker',
    operation: 'DeleteEndpoint',
    input: { EndpointName: name },
  }),
  deleteEndpointConfig: (name: string): AwsCall => ({
    service: 'sagemaker',
    operation: 'DeleteEndpointConfig',
    input: { EndpointConfigName: name },
  }),
  deleteModel: (name: string): AwsCall => ({
    service: 'sagemaker',
    operation: 'DeleteModel',
    input: { ModelName: name },
  }),
  deleteRolePolicy: (role: string, policy: string): AwsCall => ({
    service: 'iam',
    operation: 'DeleteRolePolicy',
    input: { RoleName: role, PolicyName: policy },
  }),
  deleteRole: (role: string): AwsCall => ({
    service: 'iam',
    operation: 'DeleteRole',
    input: { RoleName: role },
  }),
};
