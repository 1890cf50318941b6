import type { FileRule } from '../files.js';
import type { ServerRenderInput } from '../server.js';
import type { LlmContext } from './context.js';

type Input = ServerRenderInput<LlmContext>;

const proxy = ({ ctx }: Input): boolean => ctx.proxy;

/** Shared templates emitted only for some engines. */
export const LLM_FILES: readonly FileRule<Input>[] = [
  // nginx and the payload adapter only where the engine lacks SageMaker's routes.
  { template: 'code/nginx.conf', when: proxy },
  { template: 'code/adapter.py', when: proxy },
  { template: 'code/proxy.py', when: proxy },
  { template: 'tests/payloads/chat.json', when: ({ ctx }) => ctx.payload === 'openai-chat' },
  { template: 'tests/payloads/generate.json', when: ({ ctx }) => ctx.payload === 'tgi' },
];
