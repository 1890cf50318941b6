/**
 * Protocol-buffer text format, written from a plain object, so config.pbtxt is built as typed data
 * in TypeScript and never assembled by string templates. Only what Triton's ModelConfig uses:
 * strings, numbers, booleans, enum names, nested messages and repeated fields.
 */

/** An enum value, written bare (`KIND_GPU`), unlike a string. */
export interface PbEnum {
  readonly enumValue: string;
}

export type PbScalar = string | number | boolean | PbEnum;
export type PbValue = PbScalar | PbMessage | readonly PbScalar[] | readonly PbMessage[];
export interface PbMessage {
  readonly [field: string]: PbValue | undefined;
}

export function pbEnum(name: string): PbEnum {
  return { enumValue: name };
}

function isEnum(value: unknown): value is PbEnum {
  return typeof value === 'object' && value !== null && 'enumValue' in value;
}

function scalar(value: PbScalar): string {
  if (isEnum(value)) return value.enumValue;
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

function isMessage(value: unknown): value is PbMessage {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isEnum(value);
}

function block(message: PbMessage, indent: string): string[] {
  const lines: string[] = [];
  for (const [field, value] of Object.entries(message)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      const items = value as readonly (PbScalar | PbMessage)[];
      if (items.length > 0 && items.every(isMessage)) {
        lines.push(`${indent}${field} [`);
        items.forEach((item, index) => {
          lines.push(`${indent}  {`, ...block(item as PbMessage, `${indent}    `));
          lines.push(`${indent}  }${index < items.length - 1 ? ',' : ''}`);
        });
        lines.push(`${indent}]`);
      } else {
        lines.push(`${indent}${field}: [ ${(items as PbScalar[]).map(scalar).join(', ')} ]`);
      }
    } else if (isMessage(value)) {
      lines.push(`${indent}${field} {`, ...block(value, `${indent}  `), `${indent}}`);
    } else {
      lines.push(`${indent}${field}: ${scalar(value as PbScalar)}`);
    }
  }
  return lines;
}

/** The message as protobuf text format, one field per line, ending with a newline. */
export function toPbtxt(message: PbMessage): string {
  return `${block(message, '').join('\n')}\n`;
}
