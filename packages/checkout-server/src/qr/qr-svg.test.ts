import { describe, expect, it } from 'vitest';
import { decodeQrPixels } from './decode-qr-png.ts';
import { renderQrSvg } from './qr-svg.ts';

/** Rasterises the path-based SVG that `qrcode` emits, so the test can decode it like a phone would. */
function rasterise(svg: string, scale = 4) {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
  const dark = new Set<string>();
  const darkPath = /<path[^>]*stroke="#000000"[^>]*d="([^"]+)"/.exec(svg)?.[1] ?? '';
  let x = 0;
  let y = 0;
  for (const [, command, a, b] of darkPath.matchAll(/([MmHhVv])(-?\d+)(?:\s(-?\d+))?/g)) {
    const n = Number(a);
    if (command === 'M') [x, y] = [n, Number(b)];
    else if (command === 'm') [x, y] = [x + n, y + Number(b)];
    else if (command === 'h') {
      for (let i = 0; i < n; i++) dark.add(`${x + i},${y}`);
      x += n;
    }
  }
  const pixels = new Uint8ClampedArray(size * scale * size * scale * 4);
  for (let py = 0; py < size * scale; py++) {
    for (let px = 0; px < size * scale; px++) {
      const on = dark.has(`${Math.floor(px / scale)},${Math.floor(py / scale)}`);
      const i = (py * size * scale + px) * 4;
      pixels.fill(on ? 0 : 255, i, i + 3);
      pixels[i + 3] = 255;
    }
  }
  return { pixels, width: size * scale };
}

describe('renderQrSvg', () => {
  it('renders an SVG that decodes back to the payload', async () => {
    const payload = '00020101021229370016A000000677010111011300668123456785802TH530376463041234';
    const svg = await renderQrSvg(payload);
    expect(svg.startsWith('<svg ')).toBe(true);
    expect(svg).toContain('role="img"');
    expect(svg).not.toContain('style=');
    // Well-formed: no attribute twice on the root element (an XML parser rejects duplicates).
    const rootAttributes = [...(/^<svg ([^>]*)>/.exec(svg)?.[1] ?? '').matchAll(/([\w:-]+)=/g)].map(
      (m) => m[1],
    );
    expect(rootAttributes.length).toBeGreaterThan(3);
    expect(new Set(rootAttributes).size).toBe(rootAttributes.length);
    expect(svg).toContain('shape-rendering="crispEdges"');
    const { pixels, width } = rasterise(svg);
    expect(decodeQrPixels(pixels, width, width)).toBe(payload);
  });

  it('escapes the accessible title and rejects an empty payload', async () => {
    expect(await renderQrSvg('x', { title: 'Pay <Shop> & "co"' })).toContain(
      'aria-label="Pay &#60;Shop&#62; &#38; &#34;co&#34;"',
    );
    await expect(renderQrSvg('')).rejects.toThrow(RangeError);
  });
});
