import { listOf, usageError } from '@mcc/sdk';
import type { OptionValue, ProjectInput } from '@mcc/sdk';

import { XGBOOST_FORMATS } from './formats.js';
import { DEFAULT_XGBOOST_VERSION, XGBOOST_VERSION_PATTERN } from './options.js';
import { atLeast, numpyFor, xgboostRequirements } from './requirements.js';

export type XgboostFormat = 'json' | 'ubj' | 'model';

const FORMAT_NAMES: Record<XgboostFormat, string> = {
  json: 'JSON',
  ubj: 'Universal Binary JSON (UBJSON)',
  model: 'the legacy binary format',
};

/**
 * The xgboost part of the render context. Its first four fields are the framework parts the shared
 * predictive layer (`@mcc/sdk/predictive`, `FrameworkParts`) merges into requirements.txt, the
 * Dockerfile and the README; the rest are read by this plugin's templates. The model's file name,
 * format and `sample` come from the shared context (`ctx.modelFileName`, `ctx.modelFormat`,
 * `ctx.sample`), so no name here repeats one of its names.
 */
export interface XgboostContext {
  /** requirements.txt lines: xgboost (the CPU-only wheel where there is one) and scipy. */
  pip: readonly string[];
  /** numpy for this xgboost release: 2.x from xgboost 2.1, else the last 1.x. */
  numpy: string;
  /** apt packages: the OpenMP runtime libxgboost.so links against (absent from slim images). */
  apt: readonly string[];
  /** Debian/Ubuntu packages that run the framework code and its tests outside a container. */
  debian: readonly string[];
  /** The model format in words, for comments and the README. */
  modelFormatName: string;
  /** Next to the model: raw column order and one-hot categories, applied when present. */
  preprocessFile: string;
  xgboostVersion: string;
  /** Default of `MCC_PREDICT_THREADS`; 0 means the worker's share of the CPUs. */
  predictThreads: number;
}

function isFormat(format: string): format is XgboostFormat {
  return XGBOOST_FORMATS.some((known) => known.id === format);
}

function integerOption(value: OptionValue | undefined, fallback: number): number {
  const number = typeof value === 'number' ? value : Number(value ?? fallback);
  return Number.isInteger(number) && number >= 0 ? number : fallback;
}

function xgboostVersion(input: ProjectInput): string {
  const version = String(input.server.options['xgboost-version'] ?? DEFAULT_XGBOOST_VERSION);
  if (!XGBOOST_VERSION_PATTERN.test(version)) {
    throw usageError(
      'OPTION_INVALID',
      `xgboost-version "${version}" is not a release number such as ${DEFAULT_XGBOOST_VERSION}.`,
    );
  }
  // 1.7 is the oldest release whose in-place prediction and UBJSON loading the server relies on.
  if (!atLeast(version, 1, 7)) {
    throw usageError(
      'OPTION_INVALID',
      `xgboost-version "${version}" is too old; the xgboost server needs 1.7 or later.`,
      [`Pass --option xgboost-version=${DEFAULT_XGBOOST_VERSION}.`],
    );
  }
  return version;
}

/** The typed context for the xgboost templates. Pure: it reads only the resolved input. */
export function xgboostContext(input: ProjectInput): XgboostContext {
  const format = input.model.format;
  if (!isFormat(format)) {
    throw usageError(
      'MODEL_FORMAT_UNSUPPORTED',
      `The xgboost server has no model format "${format}"; it takes ${listOf(XGBOOST_FORMATS.map((f) => f.id))}.`,
    );
  }
  const version = xgboostVersion(input);
  if (format === 'model' && atLeast(version, 3, 1)) {
    throw usageError(
      'OPTION_INVALID',
      `xgboost ${version} cannot load ${input.model.fileName}: the legacy binary format was removed in xgboost 3.1.`,
      [
        'Pass --option xgboost-version=2.1.4, or re-save the model with booster.save_model("model.ubj") and pass that file.',
      ],
    );
  }
  return {
    pip: xgboostRequirements(version),
    numpy: numpyFor(version),
    apt: ['libgomp1'],
    debian: ['python3-xgboost'],
    modelFormatName: FORMAT_NAMES[format],
    preprocessFile: 'preprocess.json',
    xgboostVersion: version,
    predictThreads: integerOption(input.server.options['predict-threads'], 0),
  };
}
