import type { FileRule, ServerRenderInput } from '@mcc/sdk';

import type { TritonContext } from './context.js';

type Input = ServerRenderInput<TritonContext>;

const llm = ({ ctx }: Input): boolean => ctx.llm;

/** Templates emitted for some projects only. */
export const TRITON_FILES: readonly FileRule<Input>[] = [
  // Triton's SageMaker front end serves the baked backends; the LLM backends run behind nginx.
  { template: 'code/serve', when: ({ ctx }) => !ctx.llm },
  { template: 'code/serve-llm', output: 'code/serve', when: llm },
  { template: 'code/adapter.py', when: llm },
  { template: 'code/nginx.conf', when: llm },
  { template: 'code/aws_secret.py', when: llm },
  { template: 'tests/payloads/generate.json', when: llm },
  { template: 'model_repository/model/1/model.py', when: ({ ctx }) => ctx.pythonModel },
  { template: 'model_repository/model/1/model.json', when: ({ ctx }) => ctx.modelJson !== null },
  { template: 'model_repository/model/1/model.yaml', when: ({ ctx }) => ctx.modelYaml !== null },
  { template: 'sample/train.py', when: ({ ctx }) => ctx.sample },
  { template: 'sample/requirements.txt', when: ({ ctx }) => ctx.sample },
  { template: 'requirements.txt', when: ({ ctx }) => ctx.runtimeRequirements.length > 0 },
  { template: 'tests/payloads/abalone.json', when: ({ ctx }) => ctx.sample },
  // The Abalone data the sdk ships for every sample (its folder is composed in; see server.ts).
  { template: 'abalone.csv', output: 'sample/abalone.csv', when: ({ ctx }) => ctx.sample },
  { template: 'ABALONE.md', output: 'sample/ABALONE.md', when: ({ ctx }) => ctx.sample },
];
