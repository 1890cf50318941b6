import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';

import { parseAuthorization, signatureMatches } from './sigv4.js';
import type { SigV4Scope } from './sigv4.js';

/**
 * Loopback HTTP fakes of the AWS endpoints a generated container reads its Hugging Face token
 * through: Secrets Manager's JSON 1.1 API and the container credentials endpoint. Each records
 * every request it got; the Secrets Manager fake also recomputes the SigV4 signature of each with
 * the secret key the test gave the container. Stop them with `close()`.
 */

/** Fake credentials for the container's environment (never real ones). */
export const FAKE_CREDENTIALS = {
  accessKeyId: 'AKIDEXAMPLEFAKE00001',
  secretAccessKey: 'fake-secret-access-key/for+tests',
  sessionToken: 'fake-session-token',
} as const;

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface SecretsManagerRequest extends RecordedRequest {
  /** The JSON body, or undefined when it is not JSON. */
  json: unknown;
  /** The SigV4 scope of the Authorization header, or undefined when it is not SigV4. */
  scope: SigV4Scope | undefined;
  /** Whether the signature is right for the bytes received and the test's secret key. */
  signatureValid: boolean;
}

/** What the fake answers: a status and a JSON body. */
export interface FakeAnswer {
  status: number;
  body: unknown;
}

export interface FakeHttp<R extends RecordedRequest> {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: R[];
  close(): Promise<void>;
}

async function listen<R extends RecordedRequest>(
  record: (request: RecordedRequest) => R,
  answer: (request: R, index: number) => FakeAnswer,
): Promise<FakeHttp<R>> {
  const requests: R[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = record({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      });
      requests.push(request);
      const { status, body } = answer(request, requests.length - 1);
      const text = JSON.stringify(body);
      res.writeHead(status, {
        'Content-Type': 'application/x-amz-json-1.1',
        'Content-Length': Buffer.byteLength(text),
      });
      res.end(text);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A successful GetSecretValue answer for a SecretString. */
export function secretString(arn: string, value: string): FakeAnswer {
  const name = arn.split(':').slice(6).join(':');
  return { status: 200, body: { ARN: arn, Name: name, SecretString: value, VersionId: 'v1' } };
}

/** An AWS JSON 1.1 error answer, e.g. `awsJsonError(400, 'AccessDeniedException', '…')`. */
export function awsJsonError(status: number, code: string, message: string): FakeAnswer {
  return { status, body: { __type: code, message } };
}

/** A fake Secrets Manager; `answer` decides each reply from the request (and its index). */
export function startFakeSecretsManager(
  answer: (request: SecretsManagerRequest, index: number) => FakeAnswer,
  secretAccessKey: string = FAKE_CREDENTIALS.secretAccessKey,
): Promise<FakeHttp<SecretsManagerRequest>> {
  return listen((request) => {
    let json: unknown;
    try {
      json = JSON.parse(request.body.toString('utf8'));
    } catch {
      json = undefined;
    }
    const header = request.headers['authorization'];
    const scope = parseAuthorization(Array.isArray(header) ? header[0] : header);
    const signatureValid = scope !== undefined && signatureMatches(scope, request, secretAccessKey);
    return { ...request, json, scope, signatureValid };
  }, answer);
}

/**
 * A fake container credentials endpoint (what AWS_CONTAINER_CREDENTIALS_FULL_URI names): answers
 * the credentials when the Authorization header is `authorization`, else 401.
 */
export function startFakeCredentialsEndpoint(
  authorization: string,
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string } = FAKE_CREDENTIALS,
): Promise<FakeHttp<RecordedRequest>> {
  return listen(
    (request) => request,
    (request) =>
      request.headers['authorization'] === authorization
        ? {
            status: 200,
            body: {
              AccessKeyId: credentials.accessKeyId,
              SecretAccessKey: credentials.secretAccessKey,
              Token: credentials.sessionToken,
              Expiration: new Date(Date.now() + 3_600_000).toISOString(),
            },
          }
        : { status: 401, body: { message: 'unauthorized' } },
  );
}

/**
 * The environment pointing a container's `code/serve` at a fake Secrets Manager with fake env
 * credentials, and nothing inherited that would change the outcome (a token, other credentials,
 * the instance metadata service).
 */
export function secretEnv(
  endpoint: string,
  arn: string,
  /** null: no credentials in the environment (another source must give them). */
  credentials: {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken: string;
  } | null = FAKE_CREDENTIALS,
): Record<string, string> {
  return {
    MCC_HF_TOKEN_SECRET_ARN: arn,
    HF_TOKEN: '',
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint,
    AWS_ENDPOINT_URL: '',
    AWS_ACCESS_KEY_ID: credentials?.accessKeyId ?? '',
    AWS_SECRET_ACCESS_KEY: credentials?.secretAccessKey ?? '',
    AWS_SESSION_TOKEN: credentials?.sessionToken ?? '',
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '',
    AWS_CONTAINER_CREDENTIALS_FULL_URI: '',
    AWS_CONTAINER_AUTHORIZATION_TOKEN: '',
    AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PROFILE: '',
    AWS_CONFIG_FILE: '/nonexistent',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
  };
}
