/** A gateway's answer, its body read in full. */
export interface GatewayAnswer {
  response: Response;
  text: string;
}

/**
 * Sends one request to a gateway and reads its whole body within `timeoutMs`; past the deadline
 * it rejects with an error named `TimeoutError`, as `AbortSignal.timeout` would.
 *
 * Not `AbortSignal.timeout`: Node keeps a timeout signal that has an abort listener (fetch adds
 * one) and its timer alive until the timer fires, whether or not the request is long done. At
 * 500 requests/s and a 15 s deadline that is ~7,500 live signals, which the garbage collector
 * copies and promotes and later sweeps: longer pauses for every request (`docs/performance.md`).
 * Here the timer is cleared as soon as the answer is read.
 */
export async function fetchGatewayAnswer(
  doFetch: typeof fetch,
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<GatewayAnswer> {
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort(
      new DOMException(`The gateway did not answer within ${timeoutMs} ms`, 'TimeoutError'),
    );
  }, timeoutMs);
  // Like AbortSignal.timeout's timer, it does not keep the process alive on its own.
  timer.unref?.();
  try {
    const response = await doFetch(url, { ...init, signal: controller.signal });
    return { response, text: await response.text() };
  } finally {
    clearTimeout(timer);
  }
}
