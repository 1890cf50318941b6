import {
  formatProperties,
  optionEnvName,
  optionKeyFromEnv,
  parseProperties,
} from '@mcc/sdk/serving-properties';
import { describe, expect, it } from 'vitest';

/** Values a user can type that a .properties file must carry unchanged. */
const TRICKY = [
  'a=b',
  'host:port',
  '#not a comment',
  '!not a comment either',
  'C:\\models\\llama',
  ' leading and trailing spaces ',
  'two\nlines\r\nand a tab\t',
  'trailing backslash\\',
  'ünïcödé € and 😀 (outside ISO-8859-1)',
  '{{ messages }}{% for m in messages %}{{ m.content }}{% endfor %}',
  '',
];

describe('serving.properties text', () => {
  it.each(TRICKY.map((value) => [JSON.stringify(value), value]))('round-trips %s', (_name, value) => {
    const text = formatProperties([{ key: 'option.chat_template', value }]);
    expect(text.split('\n')).toHaveLength(2); // one line, then the final newline
    expect(text).toMatch(/^[\x20-\x7e]*\n$/); // printable ASCII only: Java reads it as ISO-8859-1
    expect(parseProperties(text).get('option.chat_template')).toBe(value);
  });

  it('escapes separators in keys too and refuses a duplicate key', () => {
    const text = formatProperties([{ key: 'odd key=:#', value: 1 }]);
    expect(text).toBe('odd\\ key\\=\\:\\#=1\n');
    expect(parseProperties(text).get('odd key=:#')).toBe('1');
    expect(() =>
      formatProperties([
        { key: 'engine', value: 'Python' },
        { key: 'engine', value: 'MPI' },
      ]),
    ).toThrow(/set twice/);
  });

  it('writes numbers and booleans as Java reads them, and refuses NaN', () => {
    const text = formatProperties([
      { key: 'a', value: 0.9 },
      { key: 'b', value: 4096 },
      { key: 'c', value: true },
    ]);
    expect(text).toBe('a=0.9\nb=4096\nc=true\n');
    expect(() => formatProperties([{ key: 'a', value: Number.NaN }])).toThrow(/finite/);
  });

  it('reads what Java reads: comments, continuations, colon and space separators', () => {
    const text =
      '# comment\n! also\n  engine = Python\noption.a:1\noption.b 2\noption.long=one \\\n    two\n';
    expect(Object.fromEntries(parseProperties(text))).toEqual({
      engine: 'Python',
      'option.a': '1',
      'option.b': '2',
      'option.long': 'one two',
    });
  });
});

describe('OPTION_* names', () => {
  it('maps option.<key> to OPTION_<KEY> and back; server-level keys have none', () => {
    expect(optionEnvName('option.max_model_len')).toBe('OPTION_MAX_MODEL_LEN');
    expect(optionEnvName('option.tensor_parallel_degree')).toBe('OPTION_TENSOR_PARALLEL_DEGREE');
    expect(optionEnvName('engine')).toBeUndefined();
    expect(optionKeyFromEnv('OPTION_MAX_ROLLING_BATCH_SIZE')).toBe('option.max_rolling_batch_size');
    expect(optionKeyFromEnv('OPTION_ENTRYPOINT')).toBe('option.entryPoint');
    expect(optionKeyFromEnv('OPTION_')).toBeUndefined();
    expect(optionKeyFromEnv('HF_TOKEN')).toBeUndefined();
  });
});
