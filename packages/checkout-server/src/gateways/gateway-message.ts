/**
 * Gateway text for our logs and error messages: markup and control or format characters (including
 * bidi overrides, which could disguise a log line) become spaces, every script is kept (Thai, Khmer,
 * Cyrillic messages stay readable), and the length is bounded.
 */
export function sanitizeGatewayMessage(message: string): string {
  return message
    .replace(/<[^>]*>/g, ' ')
    .replace(/\p{C}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
}

/** A JSON object from a gateway body, or undefined for anything else (HTML error pages, arrays). */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
