/** The HTTP layers every predictive server offers (`--http`). */
export const HTTP_LAYERS = ['flask', 'fastapi'] as const;

/** One of {@link HTTP_LAYERS}. */
export type HttpLayer = (typeof HTTP_LAYERS)[number];

/** Each layer in words, for comments and the README. */
export const HTTP_STACKS: Readonly<Record<HttpLayer, string>> = {
  flask: 'Flask on gevent',
  fastapi: 'FastAPI on uvicorn',
};

/** Debian/Ubuntu packages that run each layer outside a container. */
export const HTTP_DEBIAN_PACKAGES: Readonly<Record<HttpLayer, readonly string[]>> = {
  flask: ['python3-flask', 'python3-gevent'],
  fastapi: ['python3-fastapi', 'python3-uvicorn'],
};

/** True when `value` names a layer predictive servers offer. */
export function isHttpLayer(value: string): value is HttpLayer {
  return (HTTP_LAYERS as readonly string[]).includes(value);
}
