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
  { template: 'code/gunicorn.conf.py', when: flask },
];

/** Rules emitting a plugin's sample-only templates (training script, data, payloads) for the sample. */
export function sampleOnlyFiles(templates: readonly string[]): FileRule<Input>[] {
  return templates.map((template) => ({ template, when: sample }));
}
