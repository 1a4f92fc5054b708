/**
 * The status an error will be answered with, as Fastify's and Express's default handlers pick
 * it: the error's own `statusCode`/`status` when it is 4xx/5xx, else a 4xx/5xx already set on
 * the response, else 500.
 */
export function errorStatus(error: unknown, responseStatus: number | undefined): number {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    statusCode?: unknown;
    status?: unknown;
  };
  const own = Number(e.statusCode ?? e.status);
  if (Number.isInteger(own) && own >= 400 && own < 600) return own;
  if (responseStatus !== undefined && responseStatus >= 400 && responseStatus < 600) return responseStatus;
  return 500;
}
