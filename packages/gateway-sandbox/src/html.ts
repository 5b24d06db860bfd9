/** Small HTML helpers shared by the hosted pages of every emulator. */

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A whole document: external stylesheet only, no inline style or script (strict-CSP friendly). */
export function htmlDocument(options: {
  title: string;
  cssUrl: string;
  banner: string;
  body: string;
}): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(options.title)}</title>
<link rel="stylesheet" href="${escapeHtml(options.cssUrl)}">
</head>
<body>
<p class="sandbox-banner">${escapeHtml(options.banner)}</p>
<main>
${options.body}
</main>
</body>
</html>
`;
}

/**
 * HTML response with a CSP that allows only our stylesheet; `formTargets` are extra origins a form
 * post may be redirected to (browsers apply form-action to the redirect after a POST).
 */
export function htmlResponse(html: string, status: number, formTargets: string[] = []): Response {
  const formAction = ["'self'", ...new Set(formTargets)].join(' ');
  return new Response(html, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'content-security-policy': `default-src 'none'; style-src 'self'; img-src 'self' data:; form-action ${formAction}; base-uri 'none'; frame-ancestors 'none'`,
    },
  });
}
