/**
 * The text of an AWS response body: the SDK gives a stream with `transformToString` (S3 GetObject,
 * SageMaker Runtime InvokeEndpoint), fakes and older clients give bytes. Empty when there is none.
 */
export async function responseBodyText(body: unknown): Promise<string> {
  if (body === undefined || body === null) return '';
  const stream = body as { transformToString?: () => Promise<string> };
  if (typeof stream.transformToString === 'function') return stream.transformToString();
  return Buffer.from(body as Uint8Array).toString('utf8');
}
