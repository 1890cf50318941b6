import { existsSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';

import { Flags } from '@oclif/core';
import { StateFile, loadProject } from '@mcc/core';
import { isMcError, usageError } from '@mcc/sdk';
import type { DeployOptions } from '@mcc/sdk';

import { McCommand } from '../../base-command.js';
import { FirstDeployState } from '../../cloudformation/first-deploy-state.js';
import { FORMATS, serializeTemplate } from '../../cloudformation/serialize.js';
import type { TemplateFormat } from '../../cloudformation/serialize.js';
import type { CfnTemplate } from '../../cloudformation/template.js';
import { translatePlan } from '../../cloudformation/translate.js';
import { OutputNotWritable, writeAtomically } from '../../cloudformation/write-atomically.js';
import { openProject, projectFlags } from '../../lifecycle-run.js';
import Deploy from '../deploy.js';

/** Where the template goes without --output, inside the project. */
const DEFAULT_DIR = 'cloudformation';

export interface ExportCloudFormationResult {
  /** The file written (absolute), or `-` for stdout. */
  path: string;
  format: TemplateFormat;
  /** An earlier template at that path was replaced (it is generated, never edited by hand). */
  replaced: boolean;
  resources: { logicalId: string; type: string }[];
  parameters: { name: string; type: string; default?: string | number }[];
  /** What the stack assumes exists (mcc deploy would create it when missing). */
  prerequisites: string[];
  template: CfnTemplate;
}

export default class ExportCloudFormation extends McCommand<ExportCloudFormationResult> {
  static override summary = 'Write the deployment `mcc deploy` would make as a CloudFormation template.';

  static override description = `Run inside a generated project of the managed-inference, serverless, async or batch target (for batch: the role and the model; jobs are started by mcc invoke). The template holds the resources and parameters \`mcc deploy --plan\` shows for a first deploy (the project's .mcc/state.json is not consulted, except for the image the last \`mcc push\` recorded, which becomes the ImageUri parameter's default): the execution role and its policy, the model, endpoint configuration, endpoint, inference component, alarms, autoscaling and SNS topics, with references between them instead of names, and the deployment's sizes (instance type and count, copies, serverless memory and concurrency, scaling bounds) as parameters defaulting to the project's values. Roll out a new image with a stack update of ImageUri. The model and endpoint configuration carry no names of their own so that CloudFormation can replace them; everything else keeps the name mcc deploy gives it, so deploy a stack or use mcc deploy, not both, for one project. The role is named: deploy with --capabilities CAPABILITY_NAMED_IAM. Targets that deploy to a Kubernetes cluster (hyperpod-eks) are refused. The file is generated: an existing one at the path is replaced (atomically).`;

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --format yaml --output stack.yaml',
    '<%= config.bin %> <%= command.id %> --min-copies 1 --max-copies 4 --output -',
    '<%= config.bin %> <%= command.id %> --role-arn arn:aws:iam::123456789012:role/MySageMakerRole',
    'aws cloudformation deploy --template-file cloudformation/template.json --stack-name my-model --capabilities CAPABILITY_NAMED_IAM --parameter-overrides ImageUri=123456789012.dkr.ecr.us-east-1.amazonaws.com/my-model:1.0.0',
  ];

  static override flags = {
    'project-dir': projectFlags['project-dir'],
    // The deploy flags that shape what a deploy creates; the others (waits, rollback of updates) do not.
    'image-uri': Flags.string({
      description: 'Default of the ImageUri parameter instead of the image the last push recorded.',
    }),
    'role-arn': Deploy.flags['role-arn'],
    'min-copies': Deploy.flags['min-copies'],
    'max-copies': Deploy.flags['max-copies'],
    output: Flags.string({
      char: 'o',
      description: `File to write (replaced if it exists), or - for stdout. Default: ${DEFAULT_DIR}/template.json (or .yaml) in the project.`,
    }),
    format: Flags.string({
      description: 'json or yaml (default: from the --output extension, else json).',
      options: [...FORMATS],
    }),
  };

  async run(): Promise<ExportCloudFormationResult> {
    const { flags } = await this.parse(ExportCloudFormation);
    const project = loadProject(flags['project-dir']);
    const cannotPlan = (targetId: string) =>
      usageError(
        'CFN_UNSUPPORTED',
        `The ${targetId} target cannot plan a deploy, so mcc export cloudformation has nothing to translate; nothing was written.`,
        ['Deploy this project with `mcc deploy` instead.'],
      );
    // The project's own region (no warning about AWS_REGION): the template replaces it by AWS::Region.
    const opened = await openProject(
      this.config,
      this.stderrLogger,
      { 'project-dir': flags['project-dir'], region: project.input.region },
      'deploy',
    ).catch((error: unknown) => {
      // A target without verbs at all: the same refusal as one without planDeploy.
      throw isMcError(error) && error.code === 'VERB_UNSUPPORTED'
        ? cannotPlan(project.input.target.id)
        : error;
    });
    const planDeploy = opened.lifecycle.planDeploy;
    if (!planDeploy) throw cannotPlan(opened.targetId);
    const options: DeployOptions = {
      keepFailed: false,
      timeoutSeconds: 1800,
      // No HF_TOKEN here: a template must never carry a secret.
      ...(flags['role-arn'] ? { roleArn: flags['role-arn'] } : {}),
      ...(flags['min-copies'] === undefined ? {} : { minCopies: flags['min-copies'] }),
      ...(flags['max-copies'] === undefined ? {} : { maxCopies: flags['max-copies'] }),
    };
    const plan = planDeploy(opened.project, new FirstDeployState(), options);
    const image = flags['image-uri'] ?? new StateFile(opened.project.dir).read().image?.uri;
    const { template, prerequisites } = translatePlan({
      plan,
      targetId: opened.targetId,
      projectName: opened.project.input.project.name,
      region: opened.project.input.region,
      mccVersion: this.config.version,
      ...(image ? { image } : {}),
    });

    const format = formatOf(flags.format, flags.output);
    const toStdout = flags.output === '-';
    const path = toStdout
      ? '-'
      : flags.output !== undefined
        ? resolve(flags.output)
        : join(opened.project.dir, DEFAULT_DIR, `template.${format}`);
    if (!toStdout && existsSync(path) && statSync(path).isDirectory()) {
      throw usageError(
        'OUTPUT_IS_DIRECTORY',
        `--output ${path} is a folder; give a file path (or - for stdout).`,
        [`For example --output ${join(path, `template.${format}`)}.`],
      );
    }
    const text = serializeTemplate(template, format);
    const replaced = !toStdout && existsSync(path);
    if (toStdout) {
      if (!this.jsonEnabled()) process.stdout.write(text);
    } else {
      try {
        writeAtomically(path, text);
      } catch (error) {
        if (!(error instanceof OutputNotWritable)) throw error;
        throw usageError('OUTPUT_NOT_WRITABLE', `Cannot write the template to ${path}: ${error.message}.`, [
          'Pass --output with a file in a folder you can write, or --output - for stdout.',
        ]);
      }
    }

    const result: ExportCloudFormationResult = {
      path,
      format,
      replaced,
      resources: Object.entries(template.Resources).map(([logicalId, r]) => ({ logicalId, type: r.Type })),
      parameters: Object.entries(template.Parameters).map(([name, p]) => ({
        name,
        type: p.Type,
        ...(p.Default === undefined ? {} : { default: p.Default }),
      })),
      prerequisites,
      template,
    };
    for (const prerequisite of prerequisites) {
      this.stderrLogger.warn(
        `The stack assumes ${prerequisite} exists (mcc deploy creates it when missing; a stack does not own a shared resource).`,
      );
    }
    if (!this.jsonEnabled()) this.report(result, opened.project.input.project.name);
    return result;
  }

  /** What was written, to stderr when the template itself went to stdout. */
  private report(result: ExportCloudFormationResult, projectName: string): void {
    const say = (line: string) => (result.path === '-' ? process.stderr.write(`${line}\n`) : this.log(line));
    const shown = result.path === '-' ? undefined : displayPath(result.path);
    const what = `a CloudFormation template (${result.format.toUpperCase()}) of the deployment mcc deploy would make`;
    say(
      shown === undefined
        ? `Printed ${what}.`
        : `${result.replaced ? 'Replaced' : 'Wrote'} ${shown}: ${what}${result.replaced ? ' (the file is generated; the previous one was overwritten)' : ''}.`,
    );
    say(`Resources (${result.resources.length}):`);
    const width = Math.max(...result.resources.map((r) => r.logicalId.length));
    for (const r of result.resources) say(`  ${r.logicalId.padEnd(width)}  ${r.type}`);
    say('Parameters:');
    for (const p of result.parameters) {
      say(`  ${p.name}${p.default === undefined ? ' (required)' : ` = ${String(p.default)}`}`);
    }
    const file = shown ?? `template.${result.format}`;
    const image = result.parameters.some((p) => p.name === 'ImageUri' && p.default === undefined)
      ? ' --parameter-overrides ImageUri=<your image>'
      : '';
    // A named role needs the named-IAM acknowledgement; without one, no capability is asked.
    const capabilities = result.resources.some((r) => r.type === 'AWS::IAM::Role')
      ? ' --capabilities CAPABILITY_NAMED_IAM'
      : '';
    say(
      `Deploy it: aws cloudformation deploy --template-file ${file} --stack-name ${projectName}${capabilities}${image}`,
    );
  }
}

function formatOf(flag: string | undefined, output: string | undefined): TemplateFormat {
  if (flag === 'json' || flag === 'yaml') return flag;
  const extension = output === undefined ? '' : extname(output).toLowerCase();
  return extension === '.yaml' || extension === '.yml' ? 'yaml' : 'json';
}

/** Relative to the working folder when under it, as people typed it. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
