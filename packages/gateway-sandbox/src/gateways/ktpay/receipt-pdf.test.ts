import { describe, expect, it } from 'vitest';
import { buildReceiptPdf } from './receipt-pdf.ts';

describe('buildReceiptPdf', () => {
  it('writes a PDF whose xref offsets point at its objects', () => {
    const text = Buffer.from(buildReceiptPdf(['Receipt (1)', 'Сумма: 100'])).toString('latin1');
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    expect(text).toContain('(Receipt \\(1\\)) Tj');
    // Non-ASCII cannot be drawn with the base-14 font: replaced, never raw bytes.
    expect(text).toContain('(?????: 100) Tj');
    const xrefAt = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
    expect(text.slice(xrefAt, xrefAt + 4)).toBe('xref');
    const offsets = [...text.slice(xrefAt).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) =>
      Number(m[1]),
    );
    expect(offsets).toHaveLength(5);
    offsets.forEach((offset, index) => {
      expect(text.slice(offset).startsWith(`${index + 1} 0 obj`)).toBe(true);
    });
    const length = Number(/\/Length (\d+)/.exec(text)?.[1]);
    const start = text.indexOf('stream\n') + 'stream\n'.length;
    expect(text.slice(start + length, start + length + 10)).toBe('\nendstream');
  });
});
