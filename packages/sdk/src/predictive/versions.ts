import type { HttpLayer } from './http.js';

/**
 * Python packages the shared HTTP layer needs, pinned so that pip resolves the same set on the
 * default image (Python 3.12) every time. A framework may pin another numpy (see
 * `FrameworkParts.numpy`) when its own release needs one.
 */
export const PREDICTIVE_PINS = {
  numpy: '2.1.3',
  flask: '3.0.3',
  gevent: '24.11.1',
  fastapi: '0.115.6',
  uvicorn: '0.32.1',
} as const;

/** requirements.txt lines of an HTTP layer. */
export function httpRequirements(http: HttpLayer): string[] {
  return http === 'flask'
    ? [`flask==${PREDICTIVE_PINS.flask}`, `gevent==${PREDICTIVE_PINS.gevent}`]
    : [`fastapi==${PREDICTIVE_PINS.fastapi}`, `uvicorn==${PREDICTIVE_PINS.uvicorn}`];
}
