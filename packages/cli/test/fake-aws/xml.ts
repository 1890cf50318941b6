/** The characters XML text and attributes cannot hold as they are. */
export function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );
}

/**
 * A value as the awsQuery protocol writes it inside an element: objects as child elements, lists
 * as `<member>` items (the default, unflattened form IAM and STS use), dates in ISO 8601.
 */
export function toXml(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => `<member>${toXml(item)}</member>`).join('');
  if (typeof value === 'object') {
    return Object.entries(value)
      .map(([name, child]) => `<${name}>${toXml(child)}</${name}>`)
      .join('');
  }
  return escapeXml(String(value));
}
