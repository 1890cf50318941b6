import { intrinsicOf } from './intrinsics.js';
import type { ResourceRule } from './operations.js';
import type { CfnOutput, CfnValue } from './template.js';

/** The stack's outputs: what the table says each resource offers (the endpoint's name and ARN…). */
export function outputsOf(
  built: readonly { rule: ResourceRule; name: string }[],
  logical: readonly string[],
): Record<string, CfnOutput> {
  const outputs: Record<string, CfnOutput> = {};
  built.forEach((item, i) => {
    for (const output of item.rule.outputs ?? []) {
      const handle = output.value === 'name' ? item.rule.name : item.rule.arn;
      const value: CfnValue = handle ? intrinsicOf(logical[i]!, handle) : item.name;
      outputs[`${logical[i]}${output.suffix}`] = { Description: output.description, Value: value };
    }
  });
  return outputs;
}
