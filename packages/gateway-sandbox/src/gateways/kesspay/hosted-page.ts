import { formatMoney } from '@localpay/checkout-core';
import { escapeHtml, htmlDocument, htmlResponse, payerActionForm, seeOther } from '../../html.ts';
import { originsOf } from '../../urls.ts';
import type { KesspaySandboxOrder } from './orders.ts';

const BANNER = 'KessPay sandbox: test payments only, no real money moves';

/** Methods the hosted WebPay page offers (the payer picks one; it becomes payment_method_bic). */
export const KESSPAY_HOSTED_METHODS = [
  { bic: 'KHQR', label: 'KHQR (any Bakong bank app)' },
  { bic: 'ABAAKHPP', label: 'ABA Mobile' },
  { bic: 'VISA_MASTER', label: 'Visa / Mastercard' },
];

export interface KesspayPageContext {
  merchantName: string;
  cssUrl: string;
  findByToken(token: string): KesspaySandboxOrder | undefined;
  pay(outTradeNo: string, bic: string): Promise<KesspaySandboxOrder>;
  decline(outTradeNo: string): Promise<KesspaySandboxOrder>;
}

function page(context: KesspayPageContext, title: string, body: string) {
  return htmlDocument({
    title: `${title} (KessPay sandbox)`,
    cssUrl: context.cssUrl,
    banner: BANNER,
    body,
  });
}

function describeState(order: KesspaySandboxOrder): string {
  switch (order.status) {
    case 'SUCCESS':
    case 'PARTIAL_REFUNDED':
      return 'has already been paid';
    case 'REFUNDED':
      return 'has been refunded';
    case 'EXPIRED':
      return 'has expired';
    case 'CLOSED':
      return 'was closed by the merchant';
    case 'FAILED':
      return 'was declined';
    default:
      return 'is waiting for payment';
  }
}

function summary(order: KesspaySandboxOrder, extra = ''): string {
  return `<dl class="summary">
<dt>Amount</dt><dd class="amount">${escapeHtml(formatMoney(order.amount, order.currency))}</dd>
<dt>Order</dt><dd>${escapeHtml(order.outTradeNo)}</dd>
<dt>Description</dt><dd>${escapeHtml(order.body)}</dd>
${extra}</dl>`;
}

function statePage(order: KesspaySandboxOrder, context: KesspayPageContext, back: string | null) {
  const link = back
    ? `<p><a class="button primary" href="${escapeHtml(back)}">Return to ${escapeHtml(context.merchantName)}</a></p>`
    : '';
  return page(
    context,
    'Order not payable',
    `<h1>This order ${escapeHtml(describeState(order))}</h1>\n${summary(order)}\n${link}`,
  );
}

function notFound(context: KesspayPageContext): Response {
  return htmlResponse(
    page(
      context,
      'Payment not found',
      '<h1>Payment not found</h1>\n<p>This link does not match any sandbox order. Orders live in memory and are lost when the sandbox restarts.</p>',
    ),
    404,
  );
}

/**
 * The hosted WebPay page at `payment_link` (`{base}/pay/<token>`): Pay (marks SUCCESS), Decline
 * (FAILED), Cancel (back to the shop, order left WAITING). A plain form, no script, strict CSP.
 * After Pay/Decline/Cancel the payer goes to `redirect_url` unchanged: what KessPay appends to it
 * is not documented, and the shop re-reads the session anyway.
 */
export async function handleHostedPage(
  request: Request,
  token: string,
  context: KesspayPageContext,
): Promise<Response> {
  const order = /^[0-9a-f]{32}$/.test(token) ? context.findByToken(token) : undefined;
  if (order?.kind !== 'webpay') return notFound(context);
  const targets = originsOf(order.redirectUrl);
  const action = new URL(request.url).pathname;
  const form = (status: number) => {
    return htmlResponse(
      page(
        context,
        `Pay ${formatMoney(order.amount, order.currency)} to ${context.merchantName}`,
        `<h1>Pay ${escapeHtml(context.merchantName)}</h1>
${summary(order)}
${payerActionForm({
  action,
  actions: ['pay', 'decline', 'cancel'],
  choice: {
    name: 'method',
    legend: 'Payment method',
    options: KESSPAY_HOSTED_METHODS.map((method) => ({ value: method.bic, label: method.label })),
  },
})}
<p class="hint">Pay marks the order SUCCESS. Decline marks it FAILED. Cancel returns to the shop and leaves the order WAITING.</p>`,
      ),
      status,
      targets,
    );
  };
  if (request.method !== 'POST') {
    if (order.status !== 'WAITING') {
      return htmlResponse(statePage(order, context, order.redirectUrl), 200, targets);
    }
    return form(200);
  }
  const body = await request.formData().catch(() => undefined);
  const choice = body?.get('action');
  if (choice !== 'pay' && choice !== 'decline' && choice !== 'cancel') return form(400);
  if (order.status !== 'WAITING') {
    return htmlResponse(statePage(order, context, order.redirectUrl), 409, targets);
  }
  const done = (after: KesspaySandboxOrder) =>
    order.redirectUrl
      ? seeOther(order.redirectUrl)
      : htmlResponse(statePage(after, context, null), 200, targets);
  if (choice === 'cancel') return done(order);
  try {
    if (choice === 'decline') return done(await context.decline(order.outTradeNo));
    const picked = body?.get('method');
    const bic =
      KESSPAY_HOSTED_METHODS.find((method) => method.bic === picked)?.bic ??
      (KESSPAY_HOSTED_METHODS[0]?.bic as string);
    return done(await context.pay(order.outTradeNo, bic));
  } catch {
    return htmlResponse(statePage(order, context, order.redirectUrl), 409, targets);
  }
}

/**
 * The payer page of a nativePay order (`{base}/qr/<token>`, the `qrcode_link`/deeplink): it stands
 * in for the bank app that scanned the KHQR. It shows the payload and offers Pay or Decline.
 */
export async function handlePayerPage(
  request: Request,
  token: string,
  context: KesspayPageContext,
): Promise<Response> {
  const order = /^[0-9a-f]{32}$/.test(token) ? context.findByToken(token) : undefined;
  if (order?.kind !== 'nativepay') return notFound(context);
  const action = new URL(request.url).pathname;
  const form = (status: number) =>
    htmlResponse(
      page(
        context,
        `Pay ${formatMoney(order.amount, order.currency)} with ${order.serviceCode ?? 'KHQR'}`,
        `<h1>Bank app: pay ${escapeHtml(context.merchantName)}</h1>
${summary(order, `<dt>Method</dt><dd>${escapeHtml(order.serviceCode ?? 'KHQR')}</dd>\n<dt>Scanned KHQR</dt><dd>${escapeHtml(order.qrcode ?? '')}</dd>\n`)}
${payerActionForm({ action, actions: ['pay', 'decline'] })}`,
      ),
      status,
    );
  if (request.method !== 'POST') {
    if (order.status !== 'WAITING') return htmlResponse(statePage(order, context, null), 200);
    return form(200);
  }
  const body = await request.formData().catch(() => undefined);
  const choice = body?.get('action');
  if (choice !== 'pay' && choice !== 'decline') return form(400);
  if (order.status !== 'WAITING') return htmlResponse(statePage(order, context, null), 409);
  try {
    const after =
      choice === 'pay'
        ? await context.pay(order.outTradeNo, order.serviceCode ?? 'KHQR')
        : await context.decline(order.outTradeNo);
    return htmlResponse(
      page(
        context,
        after.status === 'SUCCESS' ? 'Paid' : 'Declined',
        `<h1>${after.status === 'SUCCESS' ? 'Payment sent' : 'Payment declined'}</h1>\n${summary(after)}\n<p>You can go back to the shop's page: it updates by itself.</p>`,
      ),
      200,
    );
  } catch {
    return htmlResponse(statePage(order, context, null), 409);
  }
}
