import { renderKesspayValue, verifyKesspay } from './signature.ts';

export type KesspayNotifyResult =
  | {
      valid: true;
      outTradeNo: string;
      status: string;
      /** Identifies "the same notification" for deduplication. */
      dedupeKey: string;
      params: Record<string, string>;
    }
  | { valid: false; reason: string; outTradeNo?: string; params: Record<string, string> };

/** Notify bodies are small; anything larger is not KessPay. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * Parses a form body the way PHP fills `$_POST`: `seller[code]=x` and `detail[0][no]=1` become
 * nested values (which the signature then skips, kesspay.md §5). A repeated plain key is refused
 * rather than "last one wins": two values for one signed field is not something KessPay sends.
 */
export function parsePhpForm(text: string): Record<string, unknown> | { repeated: string } {
  const result: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(rawKey);
    if (!match) continue;
    const name = match[1] as string;
    const path = [...(match[2] as string).matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] as string);
    if (path.length === 0) {
      if (seen.has(name)) return { repeated: name };
      seen.add(name);
      result[name] = value;
      continue;
    }
    let node = result[name];
    if (typeof node !== 'object' || node === null) {
      node = {};
      result[name] = node;
    }
    let cursor = node as Record<string, unknown>;
    path.forEach((segment, index) => {
      const key = segment === '' ? String(Object.keys(cursor).length) : segment;
      if (index === path.length - 1) {
        cursor[key] = value;
        return;
      }
      const next = cursor[key];
      if (typeof next !== 'object' || next === null) cursor[key] = {};
      cursor = cursor[key] as Record<string, unknown>;
    });
  }
  return result;
}

/** Reads a notify body: form-encoded (what KessPay sends, §5) or JSON (accepted too, §5 INFERRED). */
export async function readKesspayNotify(
  request: Request,
): Promise<{ ok: true; params: Record<string, unknown> } | { ok: false; reason: string }> {
  const buffer = await request.arrayBuffer();
  if (buffer.byteLength > MAX_BODY_BYTES) return { ok: false, reason: 'body too large' };
  const text = new TextDecoder('utf-8', { fatal: false }).decode(buffer);
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  if (type.includes('application/json') || (!type && text.trimStart().startsWith('{'))) {
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return { ok: false, reason: 'JSON body is not an object' };
      }
      return { ok: true, params: value as Record<string, unknown> };
    } catch {
      return { ok: false, reason: 'body is not valid JSON' };
    }
  }
  if (type.includes('multipart/'))
    return { ok: false, reason: 'multipart bodies are not accepted' };
  const parsed = parsePhpForm(text);
  if ('repeated' in parsed && typeof parsed.repeated === 'string') {
    return { ok: false, reason: `parameter ${parsed.repeated} repeated` };
  }
  return { ok: true, params: parsed as Record<string, unknown> };
}

/**
 * Verifies a KessPay notify (kesspay.md §5): `sign` over the flat scalar fields with the merchant's
 * api_secret_key, algorithm by `sign_type`, compared in constant time. Only a valid sign yields the
 * order; the status itself is confirmed with queryorder by the caller before anything is fulfilled.
 */
export function verifyKesspayNotify(
  params: Record<string, unknown>,
  apiSecretKey: string,
): KesspayNotifyResult {
  const shown: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (key === 'sign') continue;
    const rendered = renderKesspayValue(value);
    if (rendered !== undefined) shown[key] = rendered;
  }
  const outTradeNo = typeof params.out_trade_no === 'string' ? params.out_trade_no : undefined;
  const base = outTradeNo ? { outTradeNo } : {};
  for (const key of ['out_trade_no', 'status', 'sign', 'sign_type']) {
    if (typeof params[key] !== 'string' || params[key] === '') {
      return { valid: false, reason: `parameter ${key} missing`, params: shown, ...base };
    }
  }
  if (!verifyKesspay(params, apiSecretKey)) {
    return { valid: false, reason: 'signature mismatch', params: shown, ...base };
  }
  const status = String(params.status);
  const reference = shown.trx_id ?? shown.transaction_id ?? '';
  return {
    valid: true,
    outTradeNo: outTradeNo as string,
    status,
    dedupeKey: `${status}|${reference}`,
    params: shown,
  };
}
