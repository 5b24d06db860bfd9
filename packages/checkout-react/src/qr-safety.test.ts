import { describe, expect, it } from 'vitest';
import { safeAppLink, safeQrSvg } from './qr-safety.ts';

const qr =
  '<svg role="img" aria-label="PromptPay QR &#60;shop&#62;" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 41 41"><path fill="#ffffff" d="M0 0h41v41H0z"/><path stroke="#000000" d="M4 4.5h7"/></svg>';

describe('safeQrSvg', () => {
  it('accepts the server SVG as it is (trimmed)', () => {
    expect(safeQrSvg(qr)).toBe(qr);
    expect(safeQrSvg(`\n  ${qr}\n`)).toBe(qr);
    expect(safeQrSvg('<SVG viewBox="0 0 1 1"></SVG>')).toBe('<SVG viewBox="0 0 1 1"></SVG>');
  });

  it.each([
    ['not a string', 42],
    ['empty', ''],
    ['not starting with <svg', '<div><svg></svg></div>'],
    ['text before the svg', 'x<svg></svg>'],
    ['an <svgfoo> element', '<svgfoo></svgfoo>'],
    ['no closing tag', '<svg viewBox="0 0 1 1">'],
    ['a script element', '<svg><script>alert(1)</script></svg>'],
    ['a script element with odd case and spaces', '<svg>< ScRiPt >alert(1)</script></svg>'],
    ['an onload handler', '<svg onload="alert(1)"></svg>'],
    ['a handler after a slash', '<svg/onload=alert(1)></svg>'],
    ['a handler on a child', '<svg><path ONCLICK = "x()" d="M0 0"/></svg>'],
    ['a javascript: link', '<svg><a href="javascript:alert(1)"><path/></a></svg>'],
    [
      'an entity-encoded javascript: link',
      '<svg><a href="&#106;avascript&#x3A;alert(1)"></a></svg>',
    ],
    ['a javascript: link split by a tab', '<svg><a href="java\tscript:alert(1)"></a></svg>'],
    ['a data:text/html link', '<svg><a href="data:text/html,<b>x</b>"></a></svg>'],
    ['a foreignObject', '<svg><foreignObject><div>x</div></foreignObject></svg>'],
    ['an iframe', '<svg><iframe src="https://evil.example"></iframe></svg>'],
    ['an external <use>', '<svg><use href="https://evil.example/x.svg#a"/></svg>'],
    ['an animation that can set attributes', '<svg><set attributeName="href" to="x"/></svg>'],
  ])('rejects %s', (_name, markup) => {
    expect(safeQrSvg(markup)).toBeNull();
  });
});

describe('safeAppLink', () => {
  it('allows http(s) and known wallet and bank schemes', () => {
    expect(safeAppLink('https://pay.example/app?o=1')).toBe('https://pay.example/app?o=1');
    expect(safeAppLink('http://pay.example/app')).toBe('http://pay.example/app');
    expect(safeAppLink('alipays://platformapi/startapp?x=1')).toBe(
      'alipays://platformapi/startapp?x=1',
    );
    expect(safeAppLink('abamobilebank://ababank.com?type=payway')).toBe(
      'abamobilebank://ababank.com?type=payway',
    );
  });

  it.each([
    undefined,
    '',
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'intent://scan/#Intent;scheme=zxing;end',
    'unknownbank://pay',
    'file:///etc/passwd',
    '/relative/path',
  ])('refuses %s', (url) => {
    expect(safeAppLink(url)).toBeNull();
  });
});
