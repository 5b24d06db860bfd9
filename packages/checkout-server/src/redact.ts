export type Redactor = (text: string) => string;

export const REDACTED = '[REDACTED]';

/**
 * Replaces every occurrence of each secret, raw and in its URL-encoded forms, with `[REDACTED]`.
 * Secrets shorter than 4 characters are ignored: replacing them would mangle ordinary text.
 */
export function createRedactor(secrets: Array<string | undefined>): Redactor {
  const needles = new Set<string>();
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    needles.add(secret);
    needles.add(encodeURIComponent(secret));
    needles.add(new URLSearchParams({ s: secret }).toString().slice(2));
    needles.add(JSON.stringify(secret).slice(1, -1));
  }
  // Longest first, so a secret containing another is replaced whole.
  const ordered = [...needles].sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const needle of ordered) out = out.replaceAll(needle, REDACTED);
    return out;
  };
}
