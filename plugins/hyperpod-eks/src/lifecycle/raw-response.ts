import { kubeApiError } from '@mcc/sdk';
import type { KubeApiError, KubeRawResponse } from '@mcc/sdk';

/**
 * The API server's own refusal in a raw answer: a `Status` object (RBAC's 403, an unknown pod's
 * 404), turned into the `KubeApiError` the typed methods throw, so `explainKubeError` reads both
 * alike. Anything else (a proxied model's own error page) answers `undefined`.
 */
export function apiServerRefusal(response: KubeRawResponse): KubeApiError | undefined {
  if (response.status < 300 || !response.contentType.includes('json')) return undefined;
  try {
    const parsed = JSON.parse(response.body.toString('utf8')) as {
      kind?: unknown;
      reason?: unknown;
      message?: unknown;
    };
    if (parsed.kind !== 'Status') return undefined;
    return kubeApiError(
      response.status,
      typeof parsed.reason === 'string' ? parsed.reason : '',
      typeof parsed.message === 'string' ? parsed.message : `HTTP ${response.status}`,
    );
  } catch {
    return undefined;
  }
}
