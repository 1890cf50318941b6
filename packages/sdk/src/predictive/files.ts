import type { FileRule } from '../files.js';
import type { ServerRenderInput } from '../server.js';
import type { PredictiveContext } from './context.js';

type Input = ServerRenderInput<PredictiveContext>;

const flask = ({ ctx }: Input): boolean => ctx.http === 'flask';
const fastapi = ({ ctx }: Input): boolean => ctx.http === 'fastapi';
const sample = ({ ctx }: Input): boolean => ctx.sample;

/** The shared templates emitted for one HTTP layer only, under their generated names. */
export const PREDICTIVE_FILES: readonly FileRule<Input>[] = [
  { template: 'code/app_flask.py', output: 'code/app.py', when: flask },
  { template: 'code/app_fastapi.py', output: 'code/app.py', when: fastapi },
  { template: 'code/workers_flask.py', output: 'code/workers.py', when: flask },
  { template: 'code/workers_fastapi.py', output: 'code/workers.py', when: fastapi },
  { template: 'code/gevent_server.py', when: flask },
  // The built-in sample is the same for every framework: the Abalone data and its payloads.
  { template: 'sample/abalone.csv', when: sample },
  { template: 'sample/ABALONE.md', when: sample },
  { template: 'tests/payloads/abalone.csv', when: sample },
  { template: 'tests/payloads/abalone.json', when: sample },
];

/** Payloads of the built-in Abalone sample, which the shared templates ship. */
export const ABALONE_SAMPLE_PAYLOADS = [
  { contentType: 'text/csv', file: 'tests/payloads/abalone.csv' },
  { contentType: 'application/json', file: 'tests/payloads/abalone.json' },
] as const;

/** Rules emitting a plugin's sample-only templates (its training script) for the sample only. */
export function sampleOnlyFiles(templates: readonly string[]): FileRule<Input>[] {
  return templates.map((template) => ({ template, when: sample }));
}
