/**
 * EMVCo merchant-presented QR (EMV QRCPS): tag-length-value fields, each tag 2 digits, length 2
 * digits (in characters), ending with tag 63 = CRC16-CCITT (poly 0x1021, init 0xFFFF) over the whole
 * payload including "6304". PromptPay (TH) and KHQR (KH) are both profiles of it.
 */
export type EmvField = [tag: string, value: string | EmvField[]];

export function encodeEmvFields(fields: EmvField[]): string {
  return fields
    .map(([tag, value]) => {
      if (!/^\d{2}$/.test(tag)) throw new RangeError(`EMV tag must be 2 digits, got ${tag}`);
      const text = typeof value === 'string' ? value : encodeEmvFields(value);
      if (text.length === 0 || text.length > 99) {
        throw new RangeError(`EMV tag ${tag} value must be 1-99 characters, got ${text.length}`);
      }
      return `${tag}${String(text.length).padStart(2, '0')}${text}`;
    })
    .join('');
}

export function crc16Ccitt(text: string): string {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

/** Encodes the fields and appends the CRC field (tag 63). */
export function buildEmvPayload(fields: EmvField[]): string {
  const body = `${encodeEmvFields(fields)}6304`;
  return body + crc16Ccitt(body);
}

/** Parses one level of TLV fields; throws on malformed input. */
export function parseEmvFields(payload: string): Map<string, string> {
  const fields = new Map<string, string>();
  let at = 0;
  while (at < payload.length) {
    const tag = payload.slice(at, at + 2);
    const length = Number(payload.slice(at + 2, at + 4));
    if (!/^\d{2}$/.test(tag) || !Number.isInteger(length) || at + 4 + length > payload.length) {
      throw new SyntaxError(`Malformed EMV field at offset ${at}`);
    }
    fields.set(tag, payload.slice(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return fields;
}

/** Whether the payload ends with a tag-63 CRC that matches its content. */
export function hasValidEmvCrc(payload: string): boolean {
  const match = /6304([0-9A-F]{4})$/.exec(payload);
  return match !== null && crc16Ccitt(payload.slice(0, -4)) === match[1];
}
