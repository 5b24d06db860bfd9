/** An absolute http(s) URL with a host (what every emulator accepts for redirect and callback URLs). */
export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string' || !URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
}

/** The origins of the given URLs, skipping missing or unparsable ones (for a page's form-action). */
export function originsOf(...urls: Array<string | null | undefined>): string[] {
  return urls.flatMap((url) => (url && URL.canParse(url) ? [new URL(url).origin] : []));
}
