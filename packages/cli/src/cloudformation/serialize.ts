import { stringify } from 'yaml';

import type { CfnTemplate } from './template.js';

export const FORMATS = ['json', 'yaml'] as const;
export type TemplateFormat = (typeof FORMATS)[number];

/**
 * The template as text. Key order is the order it was built in and nothing varies between runs, so
 * the same project and flags give the same bytes. YAML uses the long form of intrinsic functions
 * (`Fn::GetAtt:`), which any YAML parser reads without CloudFormation's short-form tags.
 */
export function serializeTemplate(template: CfnTemplate, format: TemplateFormat): string {
  if (format === 'json') return `${JSON.stringify(template, null, 2)}\n`;
  // YAML 1.1 quoting: CloudFormation's parser reads `2010-09-09` or `yes` unquoted as a date or a boolean.
  return stringify(template, { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false });
}
