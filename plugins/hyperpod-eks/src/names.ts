/**
 * One name for the project's objects: the InferenceEndpointConfig's `metadata.name`, its
 * `modelName` and its SageMaker `endpointName`. The CRD's pattern for the latter two
 * (`[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}`) is stricter than Kubernetes' own names (no dots or
 * underscores), so the image name is folded to fit all three.
 */
export function objectName(imageName: string): string {
  const folded = imageName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = folded.slice(0, 63).replace(/-+$/, '');
  return cut.length > 0 ? cut : 'model';
}

/** The label mcc puts on everything it creates, and the label naming the project. */
export const MANAGED_BY = { key: 'app.kubernetes.io/managed-by', value: 'mcc' } as const;
export const PROJECT_LABEL = 'mcc.aws/project';
