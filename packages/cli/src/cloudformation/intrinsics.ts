import type { Handle } from './operations.js';
import type { Intrinsic } from './template.js';

/** `Ref` or `Fn::GetAtt` of a resource's value. */
export function intrinsicOf(logicalId: string, handle: Handle): Intrinsic {
  return 'ref' in handle ? { Ref: logicalId } : { 'Fn::GetAtt': [logicalId, handle.getAtt] };
}

/** The same value as a variable of `Fn::Sub`: `${Endpoint}` or `${Endpoint.EndpointName}`. */
export function subVariableOf(logicalId: string, handle: Handle): string {
  return 'ref' in handle ? `\${${logicalId}}` : `\${${logicalId}.${handle.getAtt}}`;
}

/** Literal text inside `Fn::Sub`: `${` would start a variable, `${!` writes it as it is. */
export function subLiteral(text: string): string {
  return text.replaceAll('${', '${!');
}
