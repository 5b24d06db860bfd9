import { ApiError, GatewayError } from '../errors.ts';

/** Runs a gateway call for a browser request, turning gateway failures into 503 / 502 answers. */
export async function gatewayCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof GatewayError) {
      if (error.kind === 'unavailable') {
        throw new ApiError(
          503,
          'provider_unavailable',
          'The payment provider is unavailable; try again',
          { retryable: true },
        );
      }
      throw new ApiError(502, 'provider_error', error.message);
    }
    throw error;
  }
}
