// `npm run quickstart`: install, build, then generate the built-in sample project offline
// (scikit-learn, Flask, the Abalone sample model) into ./sklearn-sample. No AWS account needed.
import { join } from 'node:path';

import { installAndBuild, root, run } from './workspace.mjs';

installAndBuild();
run(
  process.execPath,
  [
    join(root, 'packages/cli/bin/run.js'),
    'generate',
    '--yes',
    '--offline',
    '--force',
    ...process.argv.slice(2),
  ],
  {
    cwd: process.env.INIT_CWD ?? root,
  },
);
