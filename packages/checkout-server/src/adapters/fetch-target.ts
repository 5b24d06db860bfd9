/** What every framework adapter mounts: anything with a web-standard fetch, e.g. CheckoutHandler. */
export interface FetchTarget {
  fetch(request: Request): Promise<Response>;
  /** CheckoutHandler.shutdown: ends event streams with a retry hint; adapters with a close hook call it. */
  shutdown?(): void;
}
