import { formatMoney } from '@localpay/checkout-core';
import { findKsherPayChannel } from '@localpay/checkout-server/ksherpay';
import { escapeHtml, htmlDocument, htmlResponse, payerActionForm, seeOther } from '../../html.ts';
import { originsOf } from '../../urls.ts';
import type { KsherPaySandboxOrder } from './orders.ts';

const BANNER = 'KsherPay sandbox: test payments only, no real money moves';

export interface KsherPayPageContext {
  merchantName: string;
  cssUrl: string;
  /** Path of the phone page, e.g. `/sandbox/ksherpay/phone`. */
  phonePath: string;
  findByUuid(uuid: string): KsherPaySandboxOrder | undefined;
  getOrder(mchOrderNo: string): KsherPaySandboxOrder | undefined;
  listOrders(): KsherPaySandboxOrder[];
  pay(mchOrderNo: string, channel?: string): Promise<KsherPaySandboxOrder>;
  decline(mchOrderNo: string): Promise<KsherPaySandboxOrder>;
}

const label = (channel: string) => findKsherPayChannel(channel)?.label ?? channel;

function page(context: KsherPayPageContext, title: string, body: string): string {
  return htmlDocument({
    title: `${title} (KsherPay sandbox)`,
    cssUrl: context.cssUrl,
    banner: BANNER,
    body,
  });
}

function summary(order: KsherPaySandboxOrder): string {
  return `<dl class="summary">
<dt>Amount</dt><dd class="amount">${escapeHtml(formatMoney(order.amount, order.feeType))}</dd>
<dt>Order</dt><dd>${escapeHtml(order.mchOrderNo)}</dd>
<dt>Description</dt><dd>${escapeHtml(order.productName)}</dd>
</dl>`;
}

/** Ksher sends the payer back with `?mch_order_no=` added (INFERRED, ksherpay.md §4.1, §11 Q8). */
function backUrl(url: string, order: KsherPaySandboxOrder): string {
  const back = new URL(url);
  back.searchParams.set('mch_order_no', order.mchOrderNo);
  return back.toString();
}

function notFound(context: KsherPayPageContext): Response {
  return htmlResponse(
    page(
      context,
      'Payment not found',
      '<h1>Payment not found</h1>\n<p>This link does not match any sandbox order. Orders live in memory and are lost when the sandbox restarts.</p>',
    ),
    404,
  );
}

function statePage(context: KsherPayPageContext, order: KsherPaySandboxOrder, status = 200) {
  return htmlResponse(
    page(
      context,
      'Order not payable',
      `<h1>This order is ${escapeHtml(order.status)}</h1>\n${summary(order)}`,
    ),
    status,
  );
}

/**
 * The `gateway_pay` hosted page (`{base}/ua?order_uuid=…`, like Ksher's `pay_content`): pick a
 * channel, then Pay (SUCCESS, back to `mch_redirect_url`), Decline (PAYERROR, back to
 * `mch_redirect_url_fail`) or Cancel (back to `mch_redirect_url_fail`, order left unpaid).
 */
export async function handleKsherPayHostedPage(
  request: Request,
  context: KsherPayPageContext,
): Promise<Response> {
  const url = new URL(request.url);
  const uuid = url.searchParams.get('order_uuid') ?? '';
  const order = /^[0-9a-f]{32}$/.test(uuid) ? context.findByUuid(uuid) : undefined;
  if (order?.kind !== 'gateway_pay') return notFound(context);
  const targets = originsOf(order.redirectUrl, order.redirectUrlFail);
  const action = `${url.pathname}${url.search}`;
  const form = (status: number) => {
    return htmlResponse(
      page(
        context,
        `Pay ${formatMoney(order.amount, order.feeType)} to ${context.merchantName}`,
        `<h1>Pay ${escapeHtml(context.merchantName)}</h1>
${summary(order)}
${payerActionForm({
  action,
  actions: ['pay', 'decline', 'cancel'],
  choice: {
    name: 'channel',
    legend: 'Payment channel',
    options: order.channelList.map((channel) => ({ value: channel, label: label(channel) })),
  },
})}
<p class="hint">Pay marks the order SUCCESS and notifies the shop. Decline marks it PAYERROR. Cancel returns to the shop and leaves it unpaid.</p>`,
      ),
      status,
      targets,
    );
  };
  if (request.method !== 'POST') {
    return order.status === 'NOTPAY' ? form(200) : statePage(context, order);
  }
  const body = await request.formData().catch(() => undefined);
  const choice = body?.get('action');
  if (choice !== 'pay' && choice !== 'decline' && choice !== 'cancel') return form(400);
  if (order.status !== 'NOTPAY') return statePage(context, order, 409);
  const fail = order.redirectUrlFail ?? order.redirectUrl;
  if (choice === 'cancel') return fail ? seeOther(backUrl(fail, order)) : statePage(context, order);
  if (choice === 'decline') {
    await context.decline(order.mchOrderNo);
    return fail ? seeOther(backUrl(fail, order)) : statePage(context, order);
  }
  const picked = body?.get('channel');
  const channel =
    typeof picked === 'string' && order.channelList.includes(picked)
      ? picked
      : order.channelList[0];
  await context.pay(order.mchOrderNo, channel);
  return order.redirectUrl
    ? seeOther(backUrl(order.redirectUrl, order))
    : statePage(context, order);
}

/**
 * The payer's phone for QR (`native_pay`) orders: `{base}/phone` lists the open ones,
 * `{base}/phone/{mch_order_no}` shows one with the scanned payload, Pay and Decline.
 */
export async function handleKsherPayPhonePage(
  request: Request,
  mchOrderNo: string | undefined,
  context: KsherPayPageContext,
): Promise<Response> {
  if (mchOrderNo === undefined) {
    const rows = context
      .listOrders()
      .filter((order) => order.kind === 'native_pay' && order.status === 'NOTPAY')
      .map(
        (order) =>
          `<li><a href="${escapeHtml(`${context.phonePath}/${encodeURIComponent(order.mchOrderNo)}`)}">${escapeHtml(order.mchOrderNo)}</a> ${escapeHtml(formatMoney(order.amount, order.feeType))} (${escapeHtml(label(order.channel))})</li>`,
      )
      .join('\n');
    return htmlResponse(
      page(
        context,
        'Open QR orders',
        `<h1>Scan a QR</h1>\n${rows ? `<ul>\n${rows}\n</ul>` : '<p>No QR order is waiting for payment.</p>'}`,
      ),
      200,
    );
  }
  const order = context.getOrder(mchOrderNo);
  if (order?.kind !== 'native_pay') return notFound(context);
  const action = new URL(request.url).pathname;
  const form = (status: number) =>
    htmlResponse(
      page(
        context,
        `Pay ${formatMoney(order.amount, order.feeType)} with ${label(order.channel)}`,
        `<h1>${escapeHtml(label(order.channel))}: pay ${escapeHtml(context.merchantName)}</h1>
${summary(order)}
<p>Scanned QR: <code>${escapeHtml(order.codeUrl ?? '')}</code></p>
${payerActionForm({ action, actions: ['pay', 'decline'] })}`,
      ),
      status,
    );
  if (request.method !== 'POST')
    return order.status === 'NOTPAY' ? form(200) : statePage(context, order);
  const body = await request.formData().catch(() => undefined);
  const choice = body?.get('action');
  if (choice !== 'pay' && choice !== 'decline') return form(400);
  if (order.status !== 'NOTPAY') return statePage(context, order, 409);
  const after =
    choice === 'pay'
      ? await context.pay(order.mchOrderNo)
      : await context.decline(order.mchOrderNo);
  return htmlResponse(
    page(
      context,
      after.status === 'SUCCESS' ? 'Paid' : 'Declined',
      `<h1>${after.status === 'SUCCESS' ? 'Payment sent' : 'Payment declined'}</h1>\n${summary(after)}\n<p>You can go back to the shop's page: it updates by itself.</p>`,
    ),
    200,
  );
}
