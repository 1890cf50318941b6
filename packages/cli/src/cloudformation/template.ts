/** The parts of a CloudFormation template `mcc export cloudformation` writes. */

/** A JSON value as a template holds it; intrinsic functions are objects of one key. */
export type CfnValue = string | number | boolean | null | CfnValue[] | { [key: string]: CfnValue };

export type Intrinsic = { Ref: string } | { 'Fn::GetAtt': [string, string] } | { 'Fn::Sub': string };

export interface CfnResource {
  Type: string;
  DependsOn?: string[];
  Properties: Record<string, CfnValue>;
}

export interface CfnParameter {
  Type: 'String' | 'Number';
  Description: string;
  Default?: string | number;
  AllowedValues?: (string | number)[];
  AllowedPattern?: string;
  ConstraintDescription?: string;
  MinLength?: number;
  MinValue?: number;
  MaxValue?: number;
}

export interface CfnOutput {
  Description: string;
  Value: CfnValue;
}

export interface CfnTemplate {
  AWSTemplateFormatVersion: '2010-09-09';
  Description: string;
  Parameters: Record<string, CfnParameter>;
  Resources: Record<string, CfnResource>;
  Outputs: Record<string, CfnOutput>;
}

const INTRINSIC_KEYS = new Set(['Ref', 'Fn::GetAtt', 'Fn::Sub']);

/** Whether a value is an intrinsic function (the plan's inputs never have such keys). */
export function isIntrinsic(value: unknown): value is Intrinsic {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && INTRINSIC_KEYS.has(keys[0]!);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
