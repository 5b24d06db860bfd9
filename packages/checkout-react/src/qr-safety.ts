/** Elements and attribute values that can run script or load a document inside inline SVG. */
const FORBIDDEN_IN_SVG = [
  /<\s*script/,
  /<\s*foreignobject/,
  /<\s*(iframe|object|embed|image|use|animate|set|handler|style)\b/,
  /[\s/"']on[a-z]+\s*=/,
];
const FORBIDDEN_SCHEMES = /(java|vb)script:|data:text\/html/;

/** Numeric character references decoded, so `&#106;avascript:` is seen as `javascript:`. */
function decodeCharacterReferences(text: string): string {
  return text.replace(/&#(x[0-9a-f]+|\d+);?/gi, (reference, code: string) => {
    const point = code[0] === 'x' || code[0] === 'X' ? parseInt(code.slice(1), 16) : Number(code);
    return point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : reference;
  });
}

/**
 * The server's QR SVG if it looks like plain SVG markup, else `null`. The markup is server-rendered
 * and trusted by contract; this is defence in depth before it is inserted as HTML: it must be one
 * `<svg>` element and carry no script, event handler, `javascript:` URL or embedded document.
 * A QR needs none of these (the server's SVG is a few `<path>`s).
 */
export function safeQrSvg(svg: unknown): string | null {
  if (typeof svg !== 'string') return null;
  const markup = svg.trim();
  if (!/^<svg[\s>]/i.test(markup) || !/<\/svg>$/i.test(markup)) return null;
  const decoded = decodeCharacterReferences(markup).toLowerCase();
  // Browsers ignore whitespace and control characters inside a URL scheme (`java\tscript:`).
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const compact = decoded.replace(/[\u0000-\u0020]+/g, '');
  if (FORBIDDEN_SCHEMES.test(compact)) return null;
  return FORBIDDEN_IN_SVG.some((pattern) => pattern.test(decoded)) ? null : markup;
}

/**
 * App schemes an "Open app" link may use besides https/http. Only wallets and banks whose scheme
 * is publicly documented for payment deep links; anything else (javascript:, data:, intent:, an
 * unknown scheme) is refused. Gateways that return web links (universal/app links) need no entry.
 */
export const KNOWN_APP_SCHEMES: readonly string[] = [
  'alipays:',
  'alipay:',
  'weixin:',
  'abamobilebank:',
];

/** `url` if it is an http(s) link or uses a known app scheme, else `null`. */
export function safeAppLink(url: string | undefined): string | null {
  if (!url || !URL.canParse(url)) return null;
  const { protocol } = new URL(url);
  if (protocol === 'https:' || protocol === 'http:') return url;
  return KNOWN_APP_SCHEMES.includes(protocol) ? url : null;
}
