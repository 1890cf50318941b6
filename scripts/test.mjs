// `npm test`: install, build, then run every package's tests in one vitest run. With
// MCC_TEST_JSON=<file>, vitest also writes its JSON report there (CI reads the counts from it).
import { installAndBuild, pnpm } from './workspace.mjs';

installAndBuild();
const reporters = process.env.MCC_TEST_JSON
  ? ['--reporter=default', '--reporter=json', `--outputFile.json=${process.env.MCC_TEST_JSON}`]
  : [];
pnpm(['exec', 'vitest', 'run', ...reporters, ...process.argv.slice(2)]);
