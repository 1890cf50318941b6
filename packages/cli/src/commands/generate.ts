import { Args, Flags } from '@oclif/core';
import { TOKENS } from '@mcc/core';
import type { GenerateResult, Generator, SettingKey } from '@mcc/core';

import { McCommand } from '../base-command.js';
import { InquirerPrompter } from '../inquirer-prompter.js';
import { containerFor } from '../run-container.js';

export default class Generate extends McCommand<GenerateResult> {
  static override summary = 'Generate a SageMaker bring-your-own-container project from a model.';

  static override description = `Answers three questions (which model, which serving stack, which instance and target) and writes a complete project: Dockerfile, serving code, nginx, do/ scripts, CodeBuild buildspec, IAM documents and tests.

Interactive by default: anything not given is asked. With --yes nothing is asked, and every missing or invalid value is reported at once.

Values come from, highest first: flags; MCC_<FLAG> environment variables (and AWS_REGION / AWS_DEFAULT_REGION); --config FILE, else mcc.config.json or mcc.config.yaml in the working directory; config.json in the user's mcc config directory; plugin defaults; prompts. --json reports where each value came from.

Plugin options are given as --option key=value (repeatable), MCC_OPTION_<KEY>=value, or an "options" object in a config file; \`mcc list --options\` shows every plugin's options with their types and defaults.

The project is written to a temporary folder and moved into place, so a failure leaves nothing behind.`;

  static override examples = [
    {
      description: 'The built-in sample: scikit-learn, Flask, offline',
      command: '<%= config.bin %> <%= command.id %> --yes --offline',
    },
    {
      description: 'Your own model with FastAPI',
      command: '<%= config.bin %> <%= command.id %> my-model --model ./model.joblib --http fastapi --yes',
    },
    {
      description: 'Pick the instance and tune the server',
      command: '<%= config.bin %> <%= command.id %> --instance-type ml.c5.xlarge --option workers=2 --yes',
    },
    { description: 'Everything asked interactively', command: '<%= config.bin %> <%= command.id %>' },
  ];

  static override args = {
    name: Args.string({
      description:
        'Project name (letters, digits, hyphens; used for the folder, image and SageMaker resources).',
      required: false,
    }),
  };

  static override flags = {
    server: Flags.string({
      description: 'Serving stack (`mcc list` shows them): sklearn, xgboost, tensorflow, or a plugin’s.',
      helpGroup: 'MODEL AND SERVING',
    }),
    'model-source': Flags.string({
      description: 'Where the model comes from: local or sample (more with plugins).',
      helpGroup: 'MODEL AND SERVING',
    }),
    model: Flags.string({
      description: 'The model: a file or directory (SavedModel) path for --model-source local.',
      helpGroup: 'MODEL AND SERVING',
    }),
    'model-format': Flags.string({
      description:
        'Model format when its extension does not say (e.g. pkl, joblib, json, ubj, keras, savedmodel).',
      helpGroup: 'MODEL AND SERVING',
    }),
    http: Flags.string({
      description: 'HTTP layer for servers that have one: flask or fastapi.',
      helpGroup: 'MODEL AND SERVING',
    }),
    'base-image': Flags.string({
      description: 'Base image instead of the server’s pinned default.',
      helpGroup: 'MODEL AND SERVING',
    }),
    option: Flags.string({
      description: 'A plugin option as key=value (repeatable).',
      multiple: true,
      helpGroup: 'MODEL AND SERVING',
    }),
    target: Flags.string({
      description: 'Deployment target, e.g. managed-inference.',
      helpGroup: 'INFRASTRUCTURE',
    }),
    'instance-type': Flags.string({
      description: 'SageMaker real-time instance type; recommended by the sizer when omitted.',
      helpGroup: 'INFRASTRUCTURE',
    }),
    region: Flags.string({
      description: 'AWS region (default: AWS_REGION, else us-east-1).',
      helpGroup: 'INFRASTRUCTURE',
    }),
    'output-dir': Flags.string({
      description: 'Folder the project folder is created in (default: the working directory).',
      helpGroup: 'PROJECT',
    }),
    force: Flags.boolean({
      description: 'Replace an existing non-empty project folder.',
      default: false,
      helpGroup: 'PROJECT',
    }),
    config: Flags.string({
      description: 'Config file (JSON or YAML) with settings and options.',
      helpGroup: 'PROJECT',
    }),
    offline: Flags.boolean({
      description: 'Make no network call (hub and registry checks are skipped).',
      default: false,
    }),
    yes: Flags.boolean({
      char: 'y',
      aliases: ['skip-prompts'],
      description: 'Never prompt; fail naming every missing value.',
      default: false,
    }),
  };

  async run(): Promise<GenerateResult> {
    const { args, flags } = await this.parse(Generate);
    const given: Partial<Record<SettingKey, string | undefined>> = {
      name: args.name,
      server: flags.server,
      modelSource: flags['model-source'],
      model: flags.model,
      modelFormat: flags['model-format'],
      http: flags.http,
      target: flags.target,
      instanceType: flags['instance-type'],
      region: flags.region,
      outputDir: flags['output-dir'],
      baseImage: flags['base-image'],
    };
    const interactive = !flags.yes && process.stdin.isTTY === true && process.env.CI !== 'true';
    const container = await containerFor(
      this.config,
      this.stderrLogger,
      interactive ? new InquirerPrompter() : undefined,
    );
    const generator = container.resolve<Generator>(TOKENS.Generator);
    const result = await generator.generate({
      cwd: process.cwd(),
      flags: Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Partial<
        Record<SettingKey, string>
      >,
      optionFlags: flags.option ?? [],
      configPath: flags.config,
      env: process.env,
      userConfigDir: this.config.configDir,
      force: flags.force,
      offline: flags.offline,
      interactive,
      generator: { name: this.config.pjson.name, version: this.config.version },
    });
    if (!this.jsonEnabled()) {
      const rel = result.projectDir;
      this.log(`Generated ${result.files.length} files in ${rel}`);
      this.log(`Next: cd ${rel} && less README.md   (do/build, do/run, then mcc deploy)`);
    }
    return result;
  }
}
