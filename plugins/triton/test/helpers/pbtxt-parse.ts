/**
 * A small reader of protocol-buffer text format, independent of the plugin's writer, so tests check
 * config.pbtxt as Triton would read it. Every field becomes an array of its occurrences (text
 * format allows a field to repeat, and `field: [a, b]` / `field [ {..}, {..} ]` are list forms).
 */
export type PbNode = { [field: string]: PbItem[] };
export type PbItem = string | number | boolean | { enum: string } | PbNode;

type Token = { kind: 'ident' | 'string' | 'number' | 'punct'; text: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < source.length) {
    const rest = source.slice(at);
    const space = /^(\s+|#[^\n]*)/.exec(rest);
    if (space) {
      at += space[0].length;
      continue;
    }
    const string = /^"((?:[^"\\]|\\.)*)"/.exec(rest);
    if (string) {
      tokens.push({ kind: 'string', text: JSON.parse(`"${string[1]!}"`) as string });
      at += string[0].length;
      continue;
    }
    const number = /^-?\d+(\.\d+)?([eE][-+]?\d+)?/.exec(rest);
    if (number) {
      tokens.push({ kind: 'number', text: number[0] });
      at += number[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (ident) {
      tokens.push({ kind: 'ident', text: ident[0] });
      at += ident[0].length;
      continue;
    }
    if ('{}[]:,;<>'.includes(rest[0]!)) {
      tokens.push({ kind: 'punct', text: rest[0]! });
      at += 1;
      continue;
    }
    throw new Error(`unexpected character ${JSON.stringify(rest[0])} at offset ${at}`);
  }
  return tokens;
}

class Reader {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(): Token | undefined {
    return this.tokens[this.at];
  }

  next(): Token {
    const token = this.tokens[this.at++];
    if (!token) throw new Error('unexpected end of input');
    return token;
  }

  expect(text: string): void {
    const token = this.next();
    if (token.text !== text) throw new Error(`expected ${text}, found ${token.text}`);
  }

  accept(text: string): boolean {
    if (this.peek()?.kind === 'punct' && this.peek()?.text === text) {
      this.at += 1;
      return true;
    }
    return false;
  }

  message(end?: string): PbNode {
    const node: PbNode = {};
    while (this.peek() && !(end && this.peek()!.text === end && this.peek()!.kind === 'punct')) {
      const name = this.next();
      if (name.kind !== 'ident') throw new Error(`expected a field name, found ${name.text}`);
      const values = (node[name.text] ??= []);
      const colon = this.accept(':');
      if (this.accept('[')) {
        while (!this.accept(']')) {
          values.push(this.value(colon));
          this.accept(',');
        }
      } else {
        values.push(this.value(colon));
      }
      if (!this.accept(',')) this.accept(';');
    }
    return node;
  }

  value(scalarAllowed: boolean): PbItem {
    if (this.accept('{')) {
      const node = this.message('}');
      this.expect('}');
      return node;
    }
    if (!scalarAllowed) throw new Error('a message field needs { … }');
    const token = this.next();
    if (token.kind === 'string') return token.text;
    if (token.kind === 'number') return Number(token.text);
    if (token.kind === 'ident') {
      if (token.text === 'true' || token.text === 'false') return token.text === 'true';
      return { enum: token.text };
    }
    throw new Error(`unexpected ${token.text}`);
  }
}

/** Parses a whole text-format message; throws naming the problem on malformed input. */
export function parsePbtxt(source: string): PbNode {
  const reader = new Reader(tokenize(source));
  const node = reader.message();
  if (reader.peek()) throw new Error(`trailing ${reader.peek()!.text}`);
  return node;
}

/** The single value of a field, failing when it repeats. */
export function one(node: PbNode, field: string): PbItem | undefined {
  const values = node[field];
  if (values === undefined) return undefined;
  if (values.length !== 1) throw new Error(`${field} appears ${values.length} times`);
  return values[0];
}

export function isNode(item: PbItem | undefined): item is PbNode {
  return typeof item === 'object' && item !== null && !('enum' in item);
}
