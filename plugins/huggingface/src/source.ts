import {
  McError,
  defineModelSource,
  usageError,
  type HubModel,
  type ModelSource,
  type ResolvedModel,
} from '@mcc/sdk';
import { DEFAULT_CLIENT_OPTIONS, HubClient, type HubClientOptions, type HubResponse } from './hub-client.js';
import {
  TOKEN_SOURCES,
  hubEndpoint,
  hubOfflineByEnvironment,
  readHubToken,
  type Environment,
  type HubToken,
} from './hub-environment.js';
import { parseModelReference, type ModelReference } from './model-reference.js';
import {
  CHAT_TEMPLATE_FILES,
  hasChatTemplate,
  readModelInfo,
  weightBytes,
  type ModelInfo,
} from './model-info.js';

/** Settings tests change; users get the defaults (5 s per request, 3 tries on 429, process.env). */
export interface HuggingFaceSourceOptions extends Partial<HubClientOptions> {
  /** Read when a model is resolved; defaults to `process.env` at that moment. */
  env?: Environment;
  /** The home directory the default token file is under. */
  home?: string;
}

const SUMMARY =
  'A model on the Hugging Face Hub (org/name[@revision]), downloaded by the container at start-up';

/** Where the request went wrong: the model's info, or one of its files. */
type Stage = 'info' | 'file';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The error for an answer that is neither 200 nor, for a file, 404. */
function answerError(
  answer: HubResponse,
  stage: Stage,
  ref: ModelReference,
  endpoint: string,
  token: HubToken | undefined,
): McError {
  const page = `${endpoint}/${ref.id}`;
  const model = `Model "${ref.id}"`;
  if (answer.status === 404 && answer.errorCode === 'RevisionNotFound') {
    return usageError(
      'MODEL_REVISION_NOT_FOUND',
      `${model} has no revision "${ref.revision}" on the Hugging Face Hub at ${endpoint}.`,
      [`Name a branch, tag or commit listed at ${page}/tree/main, or leave "@${ref.revision}" out.`],
    );
  }
  if (answer.status === 404 && stage === 'info') {
    return usageError(
      'MODEL_NOT_FOUND',
      `${model} was not found on the Hugging Face Hub at ${endpoint}: no such model.`,
      ['Check the spelling (org/name), e.g. by searching for it at https://huggingface.co/models.'],
    );
  }
  if ((answer.status === 401 || answer.status === 403) && token === undefined) {
    return usageError(
      'MODEL_GATED',
      stage === 'info'
        ? `${model} is private or gated on the Hugging Face Hub at ${endpoint} (or does not exist): ` +
            'the Hub shows it only with a token, and none was found.'
        : `${model} is gated on the Hugging Face Hub at ${endpoint}: downloading it needs a token, and none was found.`,
      [
        `Provide a token: ${TOKEN_SOURCES}.`,
        `Accept the model's terms at ${page} with the account the token belongs to.`,
      ],
    );
  }
  if (answer.status === 401 && token !== undefined) {
    return usageError(
      'HF_TOKEN_REJECTED',
      `The Hugging Face Hub at ${endpoint} refused the token from ${token.origin} for ${model} (401): ` +
        `the token is invalid or expired${stage === 'info' ? ', or the model does not exist' : ''}.`,
      ['Create a new token at https://huggingface.co/settings/tokens and provide it as HF_TOKEN.'],
    );
  }
  if (answer.status === 403 && token !== undefined) {
    return usageError(
      'MODEL_ACCESS_DENIED',
      `The token from ${token.origin} has no access to ${model} on the Hugging Face Hub at ${endpoint} (403): ` +
        "the model is gated and the token's account has not been granted access, or the token cannot read it.",
      [`Request access at ${page}, or use a token with read access to it.`],
    );
  }
  return new McError(
    `The Hugging Face Hub at ${endpoint} answered ${answer.status} when asked about ${model}.`,
    {
      code: 'HUB_ERROR',
      suggestions: ['Try again later, or pass --offline to skip the Hub.'],
    },
  );
}

/** Asks the Hub about the model: its info, then `config.json` and `tokenizer_config.json` together. */
async function lookUp(
  client: HubClient,
  ref: ModelReference,
  token: HubToken | undefined,
): Promise<{ hub: HubModel; sizeBytes?: number }> {
  const revisionPath = ref.revisionGiven ? `/revision/${encodeURIComponent(ref.revision)}` : '';
  const answer = await client.getJson(`/api/models/${ref.id}${revisionPath}?blobs=true`);
  if (answer.status !== 200) throw answerError(answer, 'info', ref, client.endpoint, token);
  const info = readModelInfo(answer.json);
  const id = canonicalId(info, ref.id);

  const file = async (name: string): Promise<Record<string, unknown> | undefined> => {
    // The API lists the revision's files: a file it does not list is not asked for.
    if (info.files !== undefined && !info.files.some((f) => f.name === name)) return undefined;
    const got = await client.getJson(`/${id}/resolve/${encodeURIComponent(ref.revision)}/${name}`);
    if (got.status === 404) return undefined;
    if (got.status !== 200) throw answerError(got, 'file', { ...ref, id }, client.endpoint, token);
    return isRecord(got.json) ? got.json : undefined;
  };
  const templateFile = info.files?.some((f) => CHAT_TEMPLATE_FILES.includes(f.name)) ?? false;
  const [config, tokenizerConfig] = await Promise.all([
    file('config.json'),
    templateFile ? Promise.resolve(undefined) : file('tokenizer_config.json'),
  ]);

  const hub: HubModel = {
    id,
    revision: ref.revision,
    gated: info.needsToken,
    chatTemplate: templateFile || hasChatTemplate(tokenizerConfig),
  };
  // The commit the revision points to now: projects serve it, so a redeploy gets the same weights.
  if (info.commit !== undefined) hub.commit = info.commit;
  if (config !== undefined) hub.config = config;
  if (info.safetensorsParameters !== undefined) hub.safetensorsParameters = info.safetensorsParameters;
  return { hub, sizeBytes: weightBytes(info) };
}

/** The id as the Hub spells it, when its answer carries a well-formed one; else as typed. */
function canonicalId(info: ModelInfo, typed: string): string {
  if (info.id === undefined) return typed;
  try {
    return parseModelReference(info.id).id === info.id ? info.id : typed;
  } catch {
    return typed;
  }
}

/**
 * The `huggingface` ModelSource, with its Hub settings. `--offline`, HF_HUB_OFFLINE=1 or
 * TRANSFORMERS_OFFLINE=1 make it check only the id's syntax and ask nothing: `hub` then holds the id
 * and revision, and `gated` is false because it is unknown (the token is looked for at deploy time
 * anyway). The token goes to the Hub only, as a bearer header: never into the result or a message.
 */
export function createHuggingFaceSource(options: HuggingFaceSourceOptions = {}): ModelSource {
  const clientOptions: HubClientOptions = {
    timeoutMs: options.timeoutMs ?? DEFAULT_CLIENT_OPTIONS.timeoutMs,
    maxAttempts: options.maxAttempts ?? DEFAULT_CLIENT_OPTIONS.maxAttempts,
    maxRetryWaitMs: options.maxRetryWaitMs ?? DEFAULT_CLIENT_OPTIONS.maxRetryWaitMs,
    sleep: options.sleep ?? DEFAULT_CLIENT_OPTIONS.sleep,
    fetch: options.fetch ?? DEFAULT_CLIENT_OPTIONS.fetch,
  };
  return defineModelSource({
    id: 'huggingface',
    summary: SUMMARY,
    needsLocation: true,
    locationHint: 'Hugging Face Hub model id (org/name, optionally @revision)',
    async resolve({ location, offline }): Promise<ResolvedModel> {
      if (location === undefined || location.trim() === '') {
        throw usageError(
          'MODEL_LOCATION_REQUIRED',
          'The huggingface model source needs a Hub model id (org/name), and none was given.',
          ['Pass --model org/name, e.g. --model Qwen/Qwen2.5-0.5B-Instruct.'],
        );
      }
      const ref = parseModelReference(location);
      const env = options.env ?? process.env;
      const base = { source: 'huggingface', sample: false, delivery: 'runtime' } as const;
      if (offline || hubOfflineByEnvironment(env)) {
        return { ...base, location: ref.id, hub: { id: ref.id, revision: ref.revision, gated: false } };
      }
      const token = readHubToken(env, options.home);
      const client = new HubClient(hubEndpoint(env), token, clientOptions);
      const { hub, sizeBytes } = await lookUp(client, ref, token);
      return sizeBytes === undefined
        ? { ...base, location: hub.id, hub }
        : { ...base, location: hub.id, sizeBytes, hub };
    },
  });
}

/** The `huggingface` ModelSource as users get it. */
export const huggingfaceSource: ModelSource = createHuggingFaceSource();
