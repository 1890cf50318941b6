import type { IncomingHttpHeaders } from 'node:http';

import { escapeXml, toXml } from './xml.js';

/**
 * The wire protocols of the clients mcc uses, as their installed versions declare them:
 * awsJson1_0 (cloudwatch), awsJson1_1 (sagemaker, ecr, service-quotas, application-auto-scaling,
 * cloudwatch-logs, codebuild), awsQuery (sts, iam). s3 (restXml) and sagemaker-runtime (restJson1)
 * route by path and method; the fake names their operation `METHOD /path` and knows none of them.
 */
export type Protocol = 'awsJson1_0' | 'awsJson1_1' | 'awsQuery' | 'rest';

export interface ParsedCall {
  protocol: Protocol;
  operation: string;
  /** awsJson: the part of `X-Amz-Target` before the operation (`SageMaker`, `GraniteServiceVersion20100801`). */
  targetPrefix?: string;
  /** awsJson: the parsed body; awsQuery: the form fields, flattened (`Tags.member.1.Key`); rest: the text. */
  input: unknown;
}

const JSON_TYPES: Readonly<Record<string, Protocol>> = {
  'application/x-amz-json-1.0': 'awsJson1_0',
  'application/x-amz-json-1.1': 'awsJson1_1',
};

export function parseCall(
  method: string,
  url: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
): ParsedCall {
  const contentType = String(headers['content-type'] ?? '')
    .split(';')[0]!
    .trim();
  const text = body.toString('utf8');
  const json = JSON_TYPES[contentType];
  if (json) {
    const target = String(headers['x-amz-target'] ?? '');
    const dot = target.lastIndexOf('.');
    return {
      protocol: json,
      operation: dot < 0 ? `(no X-Amz-Target)` : target.slice(dot + 1),
      targetPrefix: dot < 0 ? undefined : target.slice(0, dot),
      input: text === '' ? {} : (JSON.parse(text) as unknown),
    };
  }
  if (contentType === 'application/x-www-form-urlencoded') {
    const input = Object.fromEntries(new URLSearchParams(text));
    return { protocol: 'awsQuery', operation: input.Action ?? '(no Action)', input };
  }
  return { protocol: 'rest', operation: `${method} ${new URL(url, 'http://fake').pathname}`, input: text };
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const JSON_CONTENT_TYPES: Readonly<Record<Protocol, string>> = {
  awsJson1_0: 'application/x-amz-json-1.0',
  awsJson1_1: 'application/x-amz-json-1.1',
  awsQuery: 'text/xml',
  rest: 'application/json',
};

/** awsJson timestamps are epoch seconds (the replacer sees a Date only through its holder). */
function jsonDates(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const original = this[key];
  return original instanceof Date ? original.getTime() / 1000 : value;
}

/** The awsQuery namespace, e.g. `https://iam.amazonaws.com/doc/2010-05-08/`, from the request. */
function queryNamespace(service: string, input: unknown): string {
  const version = (input as { Version?: string }).Version ?? '';
  return `https://${service}.amazonaws.com/doc/${version}/`;
}

/** A successful answer in the call's protocol. */
export function success(call: ParsedCall, service: string, output: unknown, requestId: string): HttpAnswer {
  if (call.protocol === 'awsQuery') {
    const op = call.operation;
    const result = toXml(output);
    const body =
      `<${op}Response xmlns="${queryNamespace(service, call.input)}">` +
      (result ? `<${op}Result>${result}</${op}Result>` : '') +
      `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${op}Response>`;
    return { status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
  }
  return {
    status: 200,
    headers: { 'content-type': JSON_CONTENT_TYPES[call.protocol], 'x-amzn-requestid': requestId },
    body: JSON.stringify(output ?? {}, jsonDates),
  };
}

/** An error answer in the call's protocol: `{"__type", "message"}` for JSON, `<ErrorResponse>` for query. */
export function failure(
  call: ParsedCall,
  service: string,
  fault: { code: string; message: string; status: number },
  requestId: string,
): HttpAnswer {
  if (call.protocol === 'awsQuery') {
    const body =
      `<ErrorResponse xmlns="${queryNamespace(service, call.input)}"><Error><Type>Sender</Type>` +
      `<Code>${escapeXml(fault.code)}</Code><Message>${escapeXml(fault.message)}</Message></Error>` +
      `<RequestId>${requestId}</RequestId></ErrorResponse>`;
    return {
      status: fault.status,
      headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
      body,
    };
  }
  const headers: Record<string, string> = {
    'content-type': JSON_CONTENT_TYPES[call.protocol],
    'x-amzn-requestid': requestId,
  };
  // restJson1 reads the error's name from this header; for awsJson it is left out, so that the
  // SDK has to find it in the body's `__type`.
  if (call.protocol === 'rest') headers['x-amzn-errortype'] = fault.code;
  return {
    status: fault.status,
    headers,
    body: JSON.stringify({ __type: fault.code, message: fault.message }),
  };
}
