import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { envelope, mcc, sandbox } from './cli.js';

/** The combinations every generated-project check runs over. */
export interface Scenario {
  name: string;
  args: string[];
  /** Writes the user's model into the working directory, when the scenario has one. */
  model?: { file: string; bytes: Buffer };
}

// A pickle of None: a real pickle, tiny, and the same bytes every run.
const PICKLE_NONE = Buffer.from([0x80, 0x04, 0x4e, 0x2e]);

export const SCENARIOS: readonly Scenario[] = [
  { name: 'sample-flask', args: ['sample-flask'] },
  { name: 'sample-fastapi', args: ['sample-fastapi', '--http', 'fastapi'] },
  {
    name: 'local-pkl-flask',
    args: [
      'local-pkl-flask',
      '--model',
      'churn.pkl',
      '--instance-type',
      'ml.c5.xlarge',
      '--region',
      'eu-west-1',
      '--option',
      'workers=2',
    ],
    model: { file: 'churn.pkl', bytes: PICKLE_NONE },
  },
  {
    name: 'local-joblib-fastapi',
    args: [
      'local-joblib-fastapi',
      '--model',
      'model.joblib',
      '--http',
      'fastapi',
      '--option',
      'role-arn=arn:aws:iam::123456789012:role/team-sagemaker',
    ],
    model: { file: 'model.joblib', bytes: PICKLE_NONE },
  },
  {
    name: 'xgboost-sample-fastapi',
    args: ['xgboost-sample-fastapi', '--server', 'xgboost', '--http', 'fastapi'],
  },
  { name: 'tensorflow-sample-flask', args: ['tensorflow-sample-flask', '--server', 'tensorflow'] },
];

export interface Generated {
  scenario: Scenario;
  dir: string;
  files: string[];
}

/** Generates one scenario through the built CLI in a fresh sandbox. */
export async function generateScenario(scenario: Scenario): Promise<Generated> {
  const box = await sandbox();
  if (scenario.model) await writeFile(join(box.cwd, scenario.model.file), scenario.model.bytes);
  const run = await mcc(box, ['generate', ...scenario.args, '--yes', '--offline', '--json']);
  if (run.exitCode !== 0) throw new Error(`generate ${scenario.name} failed:\n${run.stderr}\n${run.stdout}`);
  const result = envelope<{ projectDir: string; files: string[] }>(run).result;
  return { scenario, dir: result.projectDir, files: result.files };
}
