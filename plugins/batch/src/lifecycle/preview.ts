import type { AwsApi, S3Location } from '@mcc/sdk';

import { responseBodyText, s3Uri } from '@mcc/sdk';
import * as requests from './requests.js';

/** A preview reads at most this much of the first result object, and shows at most PREVIEW_LINES of it. */
export const PREVIEW_BYTES = 4096;
export const PREVIEW_LINES = 10;
/** Result objects listed to say how many there are (the preview names "at least" beyond it). */
export const LISTED_OBJECTS = 100;

interface Listed {
  Contents?: { Key?: string; Size?: number }[];
  IsTruncated?: boolean;
}

interface Read {
  Body?: unknown;
  ContentType?: string;
}

/**
 * What `mcc invoke` prints after a job completes: a header naming where all the results are, then
 * the first lines of the first result object, read with a Range header so a large result is never
 * downloaded. A line cut by the byte limit is left out rather than shown broken.
 */
export async function previewResults(
  aws: Pick<AwsApi, 'call'>,
  output: S3Location,
  fallbackType: string,
): Promise<{ contentType: string; body: string }> {
  const listed = await aws.call<Listed>(requests.listObjects(output, LISTED_OBJECTS));
  const objects = (listed.Contents ?? []).filter((o) => o.Key && !o.Key.endsWith('/'));
  const where = s3Uri(output);
  if (objects.length === 0) {
    return {
      contentType: 'text/plain',
      body: `# The job completed but wrote no result object under ${where}`,
    };
  }
  const first = objects[0]!;
  const read = await aws.call<Read>(requests.getObjectHead(output.bucket, first.Key!, PREVIEW_BYTES));
  const text = await responseBodyText(read.Body);
  const whole = first.Size !== undefined && first.Size <= PREVIEW_BYTES;
  let lines = text.split('\n');
  if (!whole && lines.length > 1) lines = lines.slice(0, -1); // the last line may be cut short
  if (lines.at(-1) === '') lines.pop();
  const shown = lines.slice(0, PREVIEW_LINES);
  const count = `${objects.length}${listed.IsTruncated ? '+' : ''} result object(s)`;
  const more = shown.length < lines.length || !whole ? ', first lines' : '';
  const header = `# ${count} in ${where}; s3://${output.bucket}/${first.Key!}${more}:`;
  return { contentType: read.ContentType ?? fallbackType, body: [header, ...shown].join('\n') };
}
