import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';

import { usageError } from '../errors.js';
import type { InvokeOptions } from './verbs.js';

/**
 * The request `mcc invoke` sends, read only as the target needs it: a real-time endpoint takes a
 * few MB and reads it whole, an asynchronous one streams up to 1 GB to S3 without holding it.
 */
export interface InvokePayload {
  /** Where the bytes come from, for messages: the file's path. */
  readonly origin: string;
  /** Its size, known before it is read, so limits are checked before any call. */
  readonly bytes: number;
  /** The whole payload in memory. */
  read(): Promise<Buffer>;
  /** The payload as a stream, read once per call. */
  stream(): Readable;
}

/** A payload read from a file on demand. */
export async function payloadFromFile(path: string): Promise<InvokePayload> {
  const info = await stat(path);
  if (!info.isFile()) throw new Error('it is a folder or a device, not a file');
  return {
    origin: path,
    bytes: info.size,
    read: () => readFile(path),
    stream: () => createReadStream(path),
  };
}

/** A payload already in memory (tests, generated requests). */
export function payloadFromBytes(body: Buffer, origin = 'request'): InvokePayload {
  return {
    origin,
    bytes: body.length,
    read: async () => body,
    stream: () => Readable.from([body]),
  };
}

/** What a target that calls an endpoint synchronously says about its request-size limit. */
export interface SyncInvokeLimit {
  /** Target id, for messages. */
  target: string;
  /** Largest request in bytes. */
  maxBytes: number;
  /** How the limit reads in the message: `SageMaker serverless endpoints take at most 4194304 (4 MB)`. */
  describe: string;
  /** What to do instead, for the PAYLOAD_TOO_LARGE error. */
  instead: string;
}

/**
 * The payload's bytes for an endpoint that takes the request in the call itself: refused before
 * any call when the user named an S3 location (only asynchronous and batch targets read from S3)
 * or when it is over the endpoint's limit.
 */
export async function readSyncPayload(options: InvokeOptions, limit: SyncInvokeLimit): Promise<Buffer> {
  if (!options.payload) {
    throw usageError(
      'PAYLOAD_NOT_LOCAL',
      `The ${limit.target} target sends the request in the call itself, so it needs a local file, not ${options.s3Input ?? 'an S3 location'}.`,
      ['Pass a file: mcc invoke rows.csv (the async and batch targets read their input from S3).'],
    );
  }
  if (options.payload.bytes > limit.maxBytes) {
    throw usageError(
      'PAYLOAD_TOO_LARGE',
      `The payload ${options.payload.origin} has ${options.payload.bytes} bytes; ${limit.describe}.`,
      [limit.instead],
    );
  }
  return options.payload.read();
}
