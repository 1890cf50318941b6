import { usageError } from '@mcc/sdk';
import type { ProjectInput } from '@mcc/sdk';
import type { FrameworkParts, PredictiveServerContext } from '@mcc/sdk/predictive';

import { DEFAULT_SKLEARN_VERSION, SKLEARN_VERSION_PATTERN } from './options.js';
import { PINNED, numpyFor } from './versions.js';

/** scikit-learn's part of the context: what its own templates read, and its requirements. */
export interface SklearnFramework extends FrameworkParts {
  /** The `sklearn-version` option: the release installed in the image. */
  sklearnVersion: string;
}

/** What the sklearn server's templates (shared and own) read under `ctx`. */
export type SklearnContext = PredictiveServerContext<SklearnFramework>;

/** scikit-learn's requirements, Debian packages and version. Pure: it reads only the input. */
export function sklearnFramework(input: ProjectInput): SklearnFramework {
  const sklearn = String(input.server.options['sklearn-version'] ?? DEFAULT_SKLEARN_VERSION);
  if (!SKLEARN_VERSION_PATTERN.test(sklearn)) {
    throw usageError(
      'OPTION_INVALID',
      `sklearn-version "${sklearn}" is not a release number such as ${DEFAULT_SKLEARN_VERSION}.`,
    );
  }
  return {
    sklearnVersion: sklearn,
    pip: [
      '# scikit-learn follows the sklearn-version option: keep it equal to the version that saved the model.',
      `scikit-learn==${sklearn}`,
      `scipy==${PINNED.scipy}`,
      `joblib==${PINNED.joblib}`,
      ...(input.model.sample
        ? []
        : [
            '# A model fitted on a DataFrame is sent one (see code/framework.py).',
            `pandas==${PINNED.pandas}`,
          ]),
    ],
    numpy: numpyFor(sklearn),
    debian: ['python3-sklearn', 'python3-joblib', ...(input.model.sample ? [] : ['python3-pandas'])],
  };
}
