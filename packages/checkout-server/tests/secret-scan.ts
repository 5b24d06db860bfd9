/**
 * Secret scanning for tests: every form a configured secret could leak in (raw, base64 and
 * base64url at any byte alignment, hex, URL- and JSON-encoded), a recorder for responses and log
 * lines, and a scan of text or files that names where each hit was, never the secret itself.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  type GatewaySandbox,
  KSHER_SDK_EXAMPLE_PRIVATE_KEY,
  KSHERPAY_SANDBOX_CREDENTIALS,
} from '@localpay/gateway-sandbox';

/** Needles shorter than this would match ordinary text. */
const MIN_NEEDLE = 8;

/**
 * The substrings that give `secret` away. Base64 is taken at the three byte alignments and cut to
 * the characters made of the secret's bits alone, so it is found inside a longer encoded blob
 * (e.g. `Basic base64(user:password)`).
 */
export function secretForms(secret: string): string[] {
  if (secret.length < MIN_NEEDLE) return [];
  const bytes = Buffer.from(secret, 'utf8');
  const forms = new Set<string>([
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase(),
  ]);
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const first = Math.ceil((offset * 8) / 6);
    const end = Math.floor(((offset + bytes.length) * 8) / 6);
    const core = encoded.slice(first, end);
    forms.add(core);
    forms.add(core.replaceAll('+', '-').replaceAll('/', '_'));
  }
  if (secret.includes('-----BEGIN')) {
    // A PEM key: any line of its body, or the body on one line, gives the key away.
    const body = secret.split('\n').filter((line) => line !== '' && !line.startsWith('-----'));
    for (const line of body) if (line.length >= 16) forms.add(line);
    forms.add(body.join(''));
  }
  return [...forms].filter((form) => form.length >= MIN_NEEDLE);
}

export interface NamedSecret {
  name: string;
  value: string;
}

/** `source: secret name` for every secret found in `text` in any of its forms. */
export function findSecrets(source: string, text: string, secrets: NamedSecret[]): string[] {
  const hits: string[] = [];
  for (const secret of secrets) {
    if (secretForms(secret.value).some((form) => text.includes(form))) {
      hits.push(`${source}: ${secret.name}`);
    }
  }
  return hits;
}

/** Every file under `dir` (skipping node_modules), scanned as UTF-8 text. */
export function findSecretsInFiles(dir: string, secrets: NamedSecret[]): string[] {
  const hits: string[] = [];
  for (const file of listFiles(dir)) {
    hits.push(...findSecrets(file, readFileSync(file, 'utf8'), secrets));
  }
  return hits;
}

export function listFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...listFiles(path));
    else files.push(path);
  }
  return files;
}

/**
 * The secrets a handler configured against `sandbox` holds (Ktpay's app key included), and the
 * KsherPay keys: the merchant's, and the private half of the sandbox's answer-signing key.
 */
export function sandboxSecrets(sandbox: GatewaySandbox): NamedSecret[] {
  const { kesspay, ktpay } = sandbox;
  return [
    { name: 'Ksher token', value: sandbox.ksher.token },
    { name: 'KessPay client secret', value: kesspay.credentials.clientSecret },
    { name: 'KessPay password', value: kesspay.credentials.password },
    { name: 'KessPay API secret key', value: kesspay.credentials.apiSecretKey },
    { name: 'Ktpay app key', value: ktpay.credentials.appKey },
    { name: 'Ktpay secret key', value: ktpay.credentials.secretKey },
    {
      name: 'KsherPay merchant private key',
      value: KSHERPAY_SANDBOX_CREDENTIALS.merchantPrivateKey,
    },
    { name: "KsherPay sandbox's private key", value: KSHER_SDK_EXAMPLE_PRIVATE_KEY },
  ];
}

/**
 * Collects what a server sent and logged. Ordinary bodies are read in full before the response
 * goes out; an event stream is copied chunk by chunk as it flows, so a scan sees what was sent
 * so far without waiting for the stream to end.
 */
export function createExposureRecorder() {
  const seen: Array<{ source: string; text: string }> = [];
  return {
    record(source: string, text: string) {
      seen.push({ source, text });
    },
    async recordResponse(source: string, response: Response): Promise<Response> {
      const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n');
      seen.push({ source: `${source} headers`, text: headers });
      if (!response.body) return response;
      if (!(response.headers.get('content-type') ?? '').includes('text/event-stream')) {
        seen.push({ source: `${source} body`, text: await response.clone().text() });
        return response;
      }
      const [sent, copy] = response.body.tee();
      const entry = { source: `${source} stream`, text: '' };
      seen.push(entry);
      void (async () => {
        const decoder = new TextDecoder();
        const reader = copy.getReader();
        try {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) return;
            entry.text += decoder.decode(value, { stream: true });
          }
        } catch {
          // The client went away: what was sent until then is recorded.
        }
      })();
      return new Response(sent, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    },
    /** How many responses and lines were recorded: a scan of nothing proves nothing. */
    count: () => seen.length,
    find(secrets: NamedSecret[]): string[] {
      return seen.flatMap((entry) => findSecrets(entry.source, entry.text, secrets));
    },
  };
}

export type ExposureRecorder = ReturnType<typeof createExposureRecorder>;

/** A log line as the JSON logger would write it, errors with their message. */
export function logLine(level: string, message: string, fields?: Record<string, unknown>): string {
  return JSON.stringify({ level, message, ...fields }, (_key, value: unknown) =>
    value instanceof Error
      ? { name: value.name, message: value.message, stack: value.stack }
      : value,
  );
}
