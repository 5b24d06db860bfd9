import { formatMoney } from '@localpay/checkout-core';
import { escapeHtml, htmlDocument } from '../../html.ts';
import type { KtpaySandboxPayment } from './payments.ts';

const BANNER = 'Ktpay sandbox: test cards only, no real money moves';

/** Test cards of the sandbox widget (any future expiry, any 3-digit CVC). */
export const KTPAY_TEST_CARDS = {
  /** Paid at once. */
  success: '4405645000006150',
  /** Declined by the acquirer (denied, Epay code 51: insufficient funds). */
  declined: '4000000000000002',
  /** Asks for a 3-D Secure code: `KTPAY_3DS_CODE` pays, anything else is denied. */
  threeDSecure: '4000000000003220',
} as const;

export const KTPAY_3DS_CODE = '123456';

/**
 * The widget's postMessage protocol (ktpay.md §4.4), as the embedded page speaks it: the string
 * `close` asks the merchant page to remove the iframe; a string with `http` asks it to navigate
 * the top window there. Only when framed; on its own the page uses plain links.
 */
export const KTPAY_WIDGET_SCRIPT = `(function () {
  if (window.parent === window) return;
  document.addEventListener('click', function (event) {
    var target = event.target instanceof Element ? event.target.closest('[data-ktpay-close],[data-ktpay-navigate]') : null;
    if (!target) return;
    event.preventDefault();
    if (target.hasAttribute('data-ktpay-close')) window.parent.postMessage('close', '*');
    else window.parent.postMessage(target.getAttribute('href'), '*');
  });
})();
`;

export interface KtpayPageContext {
  merchantName: string;
  cssUrl: string;
  scriptUrl: string;
  /** Path the card form posts to. */
  formAction: string;
  /** Path the 3-D Secure form posts to. */
  threeDsAction: string;
  find(hash: string): KtpaySandboxPayment | undefined;
  /** Card submitted: the outcome the sandbox decided. */
  submitCard(payment: KtpaySandboxPayment, cardNumber: string): 'completed' | 'denied' | '3ds';
  submit3ds(payment: KtpaySandboxPayment, code: string): 'completed' | 'denied';
}

function respond(html: string, status: number): Response {
  return new Response(html, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      // Embeddable: the widget lives in an iframe on the merchant's page.
      'content-security-policy':
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors *",
    },
  });
}

function page(context: KtpayPageContext, title: string, body: string): string {
  const html = htmlDocument({
    title: `${title} (Ktpay sandbox)`,
    cssUrl: context.cssUrl,
    banner: BANNER,
    body,
  });
  return html.replace(
    '</head>',
    `<script src="${escapeHtml(context.scriptUrl)}" defer></script>\n</head>`,
  );
}

function summary(payment: KtpaySandboxPayment, context: KtpayPageContext): string {
  return `<dl class="summary">
<dt>Merchant</dt><dd>${escapeHtml(context.merchantName)}</dd>
<dt>Amount</dt><dd class="amount">${escapeHtml(formatMoney(payment.amount, 'KZT'))}</dd>
<dt>Order</dt><dd>${escapeHtml(payment.orderId)}</dd>
${payment.description ? `<dt>Description</dt><dd>${escapeHtml(payment.description)}</dd>` : ''}
</dl>`;
}

function closeControl(payment: KtpaySandboxPayment): string {
  if (!payment.showCloseButton) return '';
  const back = payment.callbackBackUrl;
  // A link when the page stands alone; the script turns it into the `close` message when framed.
  return back
    ? `<p><a class="button" href="${escapeHtml(back)}" data-ktpay-close>Close</a></p>`
    : '<p><button type="button" class="button" data-ktpay-close>Close</button></p>';
}

function cardForm(payment: KtpaySandboxPayment, context: KtpayPageContext, error = ''): string {
  const cards = KTPAY_TEST_CARDS;
  return page(
    context,
    'Pay by card',
    `<h1>Pay by card</h1>
${summary(payment, context)}
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${escapeHtml(context.formAction)}">
<input type="hidden" name="hash" value="${escapeHtml(payment.transactionHash)}">
<p><label for="card_number">Card number</label>
<input id="card_number" name="card_number" inputmode="numeric" autocomplete="cc-number" required></p>
<p><label for="expiry">Expiry (MM/YY)</label>
<input id="expiry" name="expiry" autocomplete="cc-exp" value="12/30" required></p>
<p><label for="cvc">CVC</label>
<input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" value="123" required></p>
<p><button type="submit" class="button primary">Pay ${escapeHtml(formatMoney(payment.amount, 'KZT'))}</button></p>
</form>
${closeControl(payment)}
<section aria-labelledby="test-cards"><h2 id="test-cards">Test cards</h2>
<ul>
<li><code>${cards.success}</code>: paid</li>
<li><code>${cards.declined}</code>: declined (insufficient funds)</li>
<li><code>${cards.threeDSecure}</code>: 3-D Secure, code <code>${KTPAY_3DS_CODE}</code></li>
</ul></section>`,
  );
}

function threeDsForm(payment: KtpaySandboxPayment, context: KtpayPageContext): string {
  return page(
    context,
    '3-D Secure',
    `<h1>3-D Secure check</h1>
${summary(payment, context)}
<p>Your bank sent a one-time code to the card holder's phone (sandbox: <code>${KTPAY_3DS_CODE}</code>).</p>
<form method="post" action="${escapeHtml(context.threeDsAction)}">
<input type="hidden" name="hash" value="${escapeHtml(payment.transactionHash)}">
<p><label for="code">One-time code</label>
<input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required></p>
<p><button type="submit" class="button primary">Confirm</button></p>
</form>`,
  );
}

function resultPage(payment: KtpaySandboxPayment, context: KtpayPageContext): string {
  const paid = payment.status === 'completed';
  const back = paid ? payment.callbackSuccessUrl : payment.callbackFailedUrl;
  const heading =
    payment.status === 'pending'
      ? 'This payment is waiting for card details'
      : paid
        ? 'Payment successful'
        : 'Payment declined';
  const reason = payment.error ? `<p>${escapeHtml(payment.error.message)}</p>` : '';
  const link = back
    ? `<p><a class="button primary" href="${escapeHtml(back)}" data-ktpay-navigate>Return to ${escapeHtml(context.merchantName)}</a></p>`
    : '';
  return page(
    context,
    heading,
    `<h1>${heading}</h1>\n${summary(payment, context)}\n${reason}\n${link}\n${paid ? '' : closeControl(payment)}`,
  );
}

function notFound(context: KtpayPageContext): Response {
  return respond(
    page(context, 'Unknown payment', '<h1>Unknown payment</h1><p>No payment has this hash.</p>'),
    404,
  );
}

/**
 * The widget's `payment-card?hash=` page (§4.4). It tolerates the official client's
 * `&show_close_buttontrue` (a parameter without `=`). The same page stands in for the acquirer's
 * `payment_page`.
 */
export async function handleCardPage(
  request: Request,
  context: KtpayPageContext,
): Promise<Response> {
  const url = new URL(request.url);
  if (request.method === 'GET') {
    const payment = context.find(url.searchParams.get('hash') ?? '');
    if (!payment) return notFound(context);
    if (payment.status !== 'pending') return respond(resultPage(payment, context), 200);
    if (payment.awaiting3ds) return respond(threeDsForm(payment, context), 200);
    return respond(cardForm(payment, context), 200);
  }
  const form = new URLSearchParams(await request.text());
  const payment = context.find(form.get('hash') ?? '');
  if (!payment) return notFound(context);
  if (payment.status !== 'pending') return respond(resultPage(payment, context), 409);
  const number = (form.get('card_number') ?? '').replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(number)) {
    return respond(cardForm(payment, context, 'Enter a card number of 12 to 19 digits'), 422);
  }
  const outcome = context.submitCard(payment, number);
  if (outcome === '3ds') return respond(threeDsForm(payment, context), 200);
  return respond(resultPage(payment, context), 200);
}

export async function handleThreeDsPage(
  request: Request,
  context: KtpayPageContext,
): Promise<Response> {
  const form = new URLSearchParams(await request.text());
  const payment = context.find(form.get('hash') ?? '');
  if (!payment) return notFound(context);
  if (payment.status !== 'pending' || !payment.awaiting3ds) {
    return respond(resultPage(payment, context), 409);
  }
  context.submit3ds(payment, (form.get('code') ?? '').trim());
  return respond(resultPage(payment, context), 200);
}
