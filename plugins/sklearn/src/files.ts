import type { FileRule, ServerRenderInput } from '@mcc/sdk';

import type { SklearnContext } from './context.js';

type Input = ServerRenderInput<SklearnContext>;

const flask = ({ ctx }: Input): boolean => ctx.http === 'flask';
const fastapi = ({ ctx }: Input): boolean => ctx.http === 'fastapi';
const sample = ({ ctx }: Input): boolean => ctx.sample;

/** Templates emitted only for one HTTP layer or for the sample model; every other one always is. */
export const SKLEARN_FILES: readonly FileRule<Input>[] = [
  { template: 'code/app_flask.py', output: 'code/app.py', when: flask },
  { template: 'code/app_fastapi.py', output: 'code/app.py', when: fastapi },
  { template: 'code/workers_flask.py', output: 'code/workers.py', when: flask },
  { template: 'code/workers_fastapi.py', output: 'code/workers.py', when: fastapi },
  { template: 'code/gunicorn.conf.py', when: flask },
  { template: 'sample/train.py', when: sample },
  { template: 'sample/abalone.csv', when: sample },
  { template: 'sample/ABALONE.md', when: sample },
  { template: 'tests/payloads/abalone.csv', when: sample },
  { template: 'tests/payloads/abalone.json', when: sample },
];
