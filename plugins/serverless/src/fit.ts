import type { ProjectInput } from '@mcc/sdk';

import { MAX_IMAGE_BYTES, MEMORY_STEPS_MB } from './limits.js';
import { OPTION_KEYS } from './options.js';
import { nextStep } from './serverless-config.js';

const MIB = 1024 * 1024;

const mb = (bytes: number): number => Math.ceil(bytes / MIB);

/**
 * What may not fit a serverless endpoint, in words. A warning rather than an error: the sizer's
 * estimate and the model's size on disk are approximations, and the user may know better. The
 * context carries these so the README shows them and `mcc deploy` repeats them before any call
 * (a context has no logger: it is pure).
 */
export function fitWarnings(input: ProjectInput, memoryMb: number): string[] {
  const warnings: string[] = [];
  const largest = MEMORY_STEPS_MB.at(-1)!;
  const needed = input.instance.sizing?.hostMemoryBytes;
  const modelBytes = input.model.sizeBytes;
  const managed = 'the managed-inference target (--target managed-inference) has no such limit';
  if (needed !== undefined && needed > memoryMb * MIB) {
    warnings.push(
      needed > largest * MIB
        ? `The ${input.instance.sizing?.sizer ?? ''} sizer estimates the server needs ${mb(needed)} MB; serverless endpoints have at most ${largest} MB, so it will likely run out of memory (${managed}).`
        : `The ${input.instance.sizing?.sizer ?? ''} sizer estimates the server needs ${mb(needed)} MB, more than ${OPTION_KEYS.memoryMb}=${memoryMb}; use --option ${OPTION_KEYS.memoryMb}=${nextStep(mb(needed))}.`,
    );
  }
  if (modelBytes !== undefined && modelBytes > memoryMb * MIB) {
    warnings.push(
      `The model is ${mb(modelBytes)} MB, larger than the endpoint's memory (${OPTION_KEYS.memoryMb}=${memoryMb}): it cannot be loaded${modelBytes > largest * MIB ? ` even at ${largest} MB (${managed})` : `; use --option ${OPTION_KEYS.memoryMb}=${nextStep(mb(modelBytes))} or more`}.`,
    );
  }
  if (modelBytes !== undefined && input.model.delivery !== 'runtime' && modelBytes > MAX_IMAGE_BYTES) {
    warnings.push(
      `The model is ${mb(modelBytes)} MB and goes into the image, which serverless endpoints limit to ${MAX_IMAGE_BYTES / 1024 ** 3} GB.`,
    );
  }
  return warnings;
}
