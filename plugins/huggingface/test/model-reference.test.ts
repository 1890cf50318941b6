import { describe, expect, it } from 'vitest';
import { isMcError } from '@mcc/sdk';
import { parseModelReference } from '../src/model-reference.js';

function problem(typed: string): { code: string; message: string; suggestions: readonly string[] } {
  try {
    parseModelReference(typed);
  } catch (error) {
    if (isMcError(error)) return error;
    throw error;
  }
  throw new Error(`"${typed}" was accepted`);
}

describe('Hub model ids', () => {
  it.each([
    ['gpt2', 'gpt2', 'main'],
    ['Qwen/Qwen2.5-0.5B-Instruct', 'Qwen/Qwen2.5-0.5B-Instruct', 'main'],
    ['meta-llama/Llama-3.1-8B-Instruct@main', 'meta-llama/Llama-3.1-8B-Instruct', 'main'],
    ['org_1/model_2@v1.0', 'org_1/model_2', 'v1.0'],
    ['acme/m@0123456789abcdef0123456789abcdef01234567', 'acme/m', '0123456789abcdef0123456789abcdef01234567'],
    ['acme/m@refs/pr/12', 'acme/m', 'refs/pr/12'],
    [`acme/${'x'.repeat(96)}`, `acme/${'x'.repeat(96)}`, 'main'],
    ['  acme/m  ', 'acme/m', 'main'],
  ])('accepts %j', (typed, id, revision) => {
    expect(parseModelReference(typed)).toMatchObject({ id, revision });
  });

  it.each([
    ['acme/llama--7b', '"--"'],
    ['acme/llama..7b', '"--" or ".."'],
    ['.acme/llama', 'organisation starts or ends'],
    ['acme/llama-', 'name starts or ends'],
    ['acme/lla ma', 'contains " "'],
    ['acme/llämä', 'contains "ä"'],
    ['a/b/c', '2 "/"'],
    ['acme/', 'name is empty'],
    ['acme/llama.git', '".git"'],
    [`acme/${'x'.repeat(97)}`, '97 characters'],
  ])('refuses %j, saying why (%s) and what is accepted', (typed, why) => {
    const error = problem(typed);
    expect(error.code).toBe('MODEL_ID_INVALID');
    expect(error.message).toContain(`"${typed}"`);
    expect(error.message).toContain(why);
    expect(error.message).toContain('at most 96 characters');
  });

  it("suggests the id when given the model page's address", () => {
    const error = problem('https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct');
    expect(error.suggestions[0]).toBe(
      "Give the model id, not the page's address: --model Qwen/Qwen2.5-0.5B-Instruct.",
    );
  });

  it.each(['acme/m@', 'acme/m@a b', 'acme/m@../x', 'acme/m@/main', 'acme/m@main/'])(
    'refuses the revision of %j',
    (typed) => {
      expect(problem(typed).code).toBe('MODEL_REVISION_INVALID');
    },
  );
});
