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

/** 303 to where the payer goes next, after a form post on a hosted or payer page. */
export function seeOther(location: string): Response {
  return new Response(null, {
    status: 303,
    headers: { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
  });
}

export type PayerAction = 'pay' | 'decline' | 'cancel';

const payerButtons: Record<PayerAction, string> = {
  pay: '<button type="submit" name="action" value="pay" class="primary">Pay</button>',
  decline: '<button type="submit" name="action" value="decline" class="danger">Decline</button>',
  cancel: '<button type="submit" name="action" value="cancel">Cancel</button>',
};

/**
 * The payer's form on every hosted and payer page, one POST with `action` = pay | decline | cancel
 * (no JavaScript needed), optionally with a radio choice (payment channel or method) before it.
 */
export function payerActionForm(options: {
  action: string;
  actions: PayerAction[];
  choice?: { name: string; legend: string; options: Array<{ value: string; label: string }> };
  hidden?: Record<string, string>;
}): string {
  const hidden = Object.entries(options.hidden ?? {})
    .map(
      ([name, value]) =>
        `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`,
    )
    .join('\n');
  const choice = options.choice
    ? `<fieldset>
<legend>${escapeHtml(options.choice.legend)}</legend>
${options.choice.options
  .map(
    ({ value, label }, index) => `<div class="channel">
<input type="radio" id="${escapeHtml(options.choice?.name ?? '')}-${index}" name="${escapeHtml(options.choice?.name ?? '')}" value="${escapeHtml(value)}"${index === 0 ? ' checked' : ''}>
<label for="${escapeHtml(options.choice?.name ?? '')}-${index}">${escapeHtml(label)}</label>
</div>`,
  )
  .join('\n')}
</fieldset>`
    : '';
  return `<form method="post" action="${escapeHtml(options.action)}">
${[hidden, choice].filter(Boolean).join('\n')}
<div class="actions">
${options.actions.map((action) => payerButtons[action]).join('\n')}
</div>
</form>`;
}
