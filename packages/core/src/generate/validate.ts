import { usageError } from '@mcc/sdk';

/**
 * SageMaker names (endpoint, model, inference component) allow letters, digits and hyphens, up to
 * 63 characters; mcc appends suffixes such as `-ic-1`, so a project name keeps 15 in reserve.
 */
export const MAX_PROJECT_NAME = 48;
const NAME_PATTERN = /^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/;

export function validateProjectName(name: string, origin: string): void {
  if (name.length > MAX_PROJECT_NAME || !NAME_PATTERN.test(name)) {
    const suggestion = name
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, MAX_PROJECT_NAME);
    throw usageError(
      'INVALID_NAME',
      `Project name "${name}" (from ${origin}) would be rejected by SageMaker: use 1–${MAX_PROJECT_NAME} letters, digits and hyphens, starting and ending with a letter or digit.`,
      suggestion && NAME_PATTERN.test(suggestion) ? [`Try "${suggestion}".`] : [],
    );
  }
}

/** A name for the project when the user gives none: from the server and the model. */
export function defaultProjectName(server: string, modelLabel: string): string {
  const name = `${server}-${modelLabel}`
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_PROJECT_NAME)
    .replace(/-+$/, '');
  return name || server;
}

// Partitions: aws (us-east-1), aws-us-gov (us-gov-west-1), aws-cn (cn-north-1), iso (us-iso-east-1).
const REGION_PATTERN = /^[a-z]{2}(-(gov|iso|isob|isof))?-[a-z]+-\d{1,2}$/;

export function validateRegion(region: string, origin: string): void {
  if (!REGION_PATTERN.test(region)) {
    throw usageError(
      'INVALID_REGION',
      `Region "${region}" (from ${origin}) is not an AWS region code such as us-east-1 or eu-west-2.`,
    );
  }
}

// A container image reference: [registry[:port]/]path[:tag][@sha256:digest].
const IMAGE_PATTERN =
  /^(?:[a-zA-Z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

export function validateBaseImage(image: string, origin: string): void {
  if (!IMAGE_PATTERN.test(image)) {
    throw usageError(
      'INVALID_BASE_IMAGE',
      `Base image "${image}" (from ${origin}) is not an image reference such as registry.example.com/team/python:3.12-slim.`,
    );
  }
}
