// The bounded wait for a new role is the sdk's, shared by every SageMaker target.
export { ROLE_RETRIES, ROLE_RETRY_MS, retryWhileRoleNew } from '@mcc/sdk';
