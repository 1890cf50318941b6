import { extname } from 'node:path';

import { payloadFromFile, usageError } from '@mcc/sdk';
import type { InvokeOptions } from '@mcc/sdk';

import { PAYLOAD_DIR, defaultPayload } from './default-payload.js';

const TYPES: Readonly<Record<string, string>> = {
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.npy': 'application/x-npy',
};

/** Bucket names are 3 to 63 of `[a-z0-9.-]`. */
const S3_URI = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/;

export interface InvokeInputRequest {
  /** The payload argument as typed: a file, an `s3://` location, or nothing. */
  given?: string;
  contentType?: string;
  accept?: string;
  projectDir: string;
  /** The target's `invokeReadsOwnInput`: nothing given means its own input, not the sample request. */
  ownInput: boolean;
}

/**
 * What `mcc invoke` hands the target, from what the user typed: an S3 location as it is, a file
 * (or, with nothing given, the project's sample request) to be read as the target needs it, or
 * nothing at all for a target that reads its own input. Every value a user can get wrong is named.
 */
export async function invokeInput(request: InvokeInputRequest): Promise<InvokeOptions> {
  const { given } = request;
  const s3Input = given?.startsWith('s3://') ? given : undefined;
  if (s3Input !== undefined && !S3_URI.test(s3Input)) {
    throw usageError('S3_URI_INVALID', `${s3Input} is not an S3 location.`, [
      'Write it as s3://bucket/key or s3://bucket/prefix/.',
    ]);
  }
  const common = {
    ...(request.contentType ? { contentType: request.contentType } : {}),
    ...(request.accept ? { accept: request.accept } : {}),
  };
  if (given === undefined && request.ownInput) return common;
  const path = s3Input ? undefined : (given ?? defaultPayload(request.projectDir));
  const options: InvokeOptions = { ...common, ...(s3Input ? { s3Input } : {}) };
  if (!s3Input) {
    try {
      if (path === undefined) throw new Error('no payload');
      options.payload = await payloadFromFile(path);
    } catch (error) {
      // The reason in the system's words: no such file, a folder, no permission.
      const why =
        (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
      throw usageError(
        'PAYLOAD_NOT_FOUND',
        path !== undefined
          ? `Cannot read the payload file "${path}" (${why}).`
          : `No payload given, and the project has no sample request in ${PAYLOAD_DIR}/.`,
        ['Pass a payload file: mcc invoke rows.csv', 'Or, for the async and batch targets, an S3 location.'],
      );
    }
  }
  const named = s3Input ?? path ?? '';
  const contentType = request.contentType ?? TYPES[extname(named.replace(/\/+$/, '')).toLowerCase()];
  // An S3 prefix has no extension to go by: the target then uses its own (batch: the project's).
  if (!contentType && !s3Input) {
    throw usageError(
      'CONTENT_TYPE_UNKNOWN',
      `Cannot tell the content type of ${named} from its extension; .csv, .json and .npy are known.`,
      ['Pass --content-type, e.g. --content-type text/csv.'],
    );
  }
  return { ...options, ...(contentType ? { contentType } : {}) };
}
