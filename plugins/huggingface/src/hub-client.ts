import { McError } from '@mcc/sdk';
import type { HubToken } from './hub-environment.js';

/** How the client talks to the Hub; every field has a default fit for users, tests shorten them. */
export interface HubClientOptions {
  /** Per request, body included. */
  timeoutMs: number;
  /** Tries of one request when the Hub answers 429 (the first one included). */
  maxAttempts: number;
  /** Longest wait between tries, whatever Retry-After asks for. */
  maxRetryWaitMs: number;
  sleep: (ms: number) => Promise<void>;
  fetch: typeof fetch;
}

export const DEFAULT_CLIENT_OPTIONS: HubClientOptions = {
  timeoutMs: 5000,
  maxAttempts: 3,
  maxRetryWaitMs: 10_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  fetch: (...args) => fetch(...args),
};

/** A Hub answer other than 429: its status, the Hub's `X-Error-Code`, and the parsed JSON body on 200. */
export interface HubResponse {
  status: number;
  errorCode?: string;
  json?: unknown;
}

const OFFLINE_HINT =
  'Pass --offline (or set HF_HUB_OFFLINE=1) to generate without asking the Hub: only the id is checked.';

/** The wait Retry-After asks for (seconds or an HTTP date), else a short back-off, capped. */
export function retryWaitMs(
  retryAfter: string | null,
  attempt: number,
  capMs: number,
  now = Date.now(),
): number {
  let wait = 1000 * attempt;
  if (retryAfter !== null && retryAfter.trim() !== '') {
    const seconds = Number(retryAfter);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(seconds)) wait = seconds * 1000;
    else if (Number.isFinite(date)) wait = date - now;
  }
  return Math.min(Math.max(wait, 0), capMs);
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * GETs from the Hub: one timeout per request, a bounded retry on 429, the token as a bearer header.
 * Errors name the endpoint and what to do, and never carry the token.
 */
export class HubClient {
  constructor(
    readonly endpoint: string,
    private readonly token: HubToken | undefined,
    private readonly options: HubClientOptions,
  ) {}

  /** GET `path` (starting with `/`) and parse the body as JSON when the answer is 200. */
  async getJson(path: string): Promise<HubResponse> {
    const url = `${this.endpoint}${path}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token) headers.authorization = `Bearer ${this.token.value}`;
    for (let attempt = 1; ; attempt++) {
      const answer = await this.once(url, path, headers);
      if (answer.status !== 429) return answer;
      if (attempt >= this.options.maxAttempts) {
        throw new McError(
          `The Hugging Face Hub at ${this.endpoint} kept answering "429 Too Many Requests" to GET ${path} ` +
            `(${attempt} tries).`,
          {
            code: 'HUB_RATE_LIMITED',
            suggestions: [
              "Wait a minute and try again; a token (HF_TOKEN) raises the Hub's rate limits.",
              OFFLINE_HINT,
            ],
          },
        );
      }
      await this.options.sleep(retryWaitMs(answer.retryAfter, attempt, this.options.maxRetryWaitMs));
    }
  }

  private async once(
    url: string,
    path: string,
    headers: Record<string, string>,
  ): Promise<HubResponse & { retryAfter: string | null }> {
    const seconds = this.options.timeoutMs / 1000;
    try {
      const response = await this.options.fetch(url, {
        headers,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      const errorCode = response.headers.get('x-error-code') ?? undefined;
      const retryAfter = response.headers.get('retry-after');
      if (response.status !== 200) {
        // Drain the body so the connection can be reused; its text is not shown (it is the Hub's).
        await response.arrayBuffer().catch(() => undefined);
        return { status: response.status, errorCode, retryAfter };
      }
      const text = await response.text();
      try {
        return { status: 200, errorCode, retryAfter, json: JSON.parse(text) as unknown };
      } catch {
        throw new McError(
          `The Hugging Face Hub at ${this.endpoint} answered GET ${path} with something other than JSON.`,
          {
            code: 'HUB_BAD_ANSWER',
            suggestions: [
              'Check HF_ENDPOINT: it should be the Hub (or a mirror of it), not another site.',
              OFFLINE_HINT,
            ],
          },
        );
      }
    } catch (error) {
      if (error instanceof McError) throw error;
      if ((error as { name?: unknown } | undefined)?.name === 'TimeoutError') {
        throw new McError(
          `The Hugging Face Hub at ${this.endpoint} did not answer GET ${path} within ${seconds} s.`,
          {
            code: 'HUB_TIMEOUT',
            suggestions: [
              'Check your network, or set HF_ENDPOINT to a Hub mirror you can reach.',
              OFFLINE_HINT,
            ],
          },
        );
      }
      throw new McError(
        `Could not reach the Hugging Face Hub at ${this.endpoint} (${networkReason(error)}).`,
        {
          code: 'HUB_UNREACHABLE',
          suggestions: [
            `The Hub's address comes from HF_ENDPOINT (else https://huggingface.co): check it and your network.`,
            OFFLINE_HINT,
          ],
        },
      );
    }
  }
}
