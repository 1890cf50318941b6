import { defineServer } from '@mcc/sdk';
import type { ProjectChoices, Server } from '@mcc/sdk';
import { describe, expect, it } from 'vitest';

import { serverForOptions } from '../src/generate/server-for-options.js';

/** A server with several engines, like Triton: `engine=llm` needs a GPU, the others a CPU. */
function server(acceleratorFor?: (project: ProjectChoices) => 'cpu' | 'gpu'): Server {
  return defineServer({
    id: 'multi',
    summary: 'a server whose engine option decides its accelerator',
    accelerator: 'cpu',
    ...(acceleratorFor ? { acceleratorFor } : {}),
    sources: ['local', 'huggingface'],
    formats: [],
    httpLayers: [],
    defaultBaseImage: 'example/engine:1',
    options: [],
    templatesDir: new URL('./', import.meta.url),
    samplePayloads: [],
    context: () => ({}),
  });
}

const byEngine = ({ options, model }: ProjectChoices): 'cpu' | 'gpu' =>
  options.engine === 'llm' || model?.source === 'huggingface' ? 'gpu' : 'cpu';

describe("the server as the project's options make it", () => {
  it('takes the accelerator acceleratorFor gives for the options, keeping everything else', () => {
    const multi = server(byEngine);
    const llm = serverForOptions(multi, { options: { engine: 'llm' } });
    expect(llm.accelerator).toBe('gpu');
    expect(llm.id).toBe('multi');
    expect(llm.kind).toBe('server');
    expect(llm.context({} as never)).toEqual({});
    // The registry's copy is not changed: listings still show the declared accelerator.
    expect(multi.accelerator).toBe('cpu');
  });

  it('is the server itself when the options do not change its accelerator, or it has no acceleratorFor', () => {
    const multi = server(byEngine);
    expect(serverForOptions(multi, { options: { engine: 'trees' } })).toBe(multi);
    // The model decides too: a Hub model without the option.
    const hub = { source: 'huggingface', format: 'huggingface', sample: false };
    expect(serverForOptions(multi, { options: {}, model: hub }).accelerator).toBe('gpu');
    const plain = server();
    expect(serverForOptions(plain, { options: { engine: 'llm' } })).toBe(plain);
  });
});
