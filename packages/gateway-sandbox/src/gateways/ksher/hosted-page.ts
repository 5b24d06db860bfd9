import { escapeHtml, htmlDocument, htmlResponse, payerActionForm, seeOther } from '../../html.ts';
import { originsOf } from '../../urls.ts';
import type { KsherSandboxOrder } from './orders.ts';

/** Channels offered when an order was created without `channel` (ksher.md §8, redirect list). */
export const defaultKsherChannels = ['promptpay', 'truemoney', 'airpay', 'linepay', 'card'];

const channelLabels: Record<string, string> = {
  promptpay: 'PromptPay',
  bbl_promptpay: 'PromptPay (BBL)',
  truemoney: 'TrueMoney Wallet',
  airpay: 'ShopeePay',
  linepay: 'Rabbit LINE Pay',
  card: 'Credit / debit card',
  ktbcard: 'Credit / debit card (KTB)',
  alipay: 'Alipay',
  wechat: 'WeChat Pay',
  atome: 'Atome',
  scb_easy: 'SCB Easy',
  kplus: 'K PLUS',
  bbl_deeplink: 'Bangkok Bank mobile',
  baybank_deeplink: 'Krungsri mobile',
};

export function ksherChannelLabel(channel: string): string {
  return channelLabels[channel] ?? channel;
}

const thb = new Intl.NumberFormat('en', {
  style: 'currency',
  currency: 'THB',
  currencyDisplay: 'narrowSymbol',
});

/** THB minor units (satang) → `฿890.00`. */
export function formatThb(amountMinor: number): string {
  return thb.format(amountMinor / 100);
}

export interface HostedPageOperations {
  pay(merchantOrderId: string, channel: string): Promise<KsherSandboxOrder>;
  decline(merchantOrderId: string): Promise<KsherSandboxOrder>;
}

export interface HostedPageContext {
  merchantName: string;
  cssUrl: string;
  findByUuid(orderUuid: string): KsherSandboxOrder | undefined;
  operations: HostedPageOperations;
}

const BANNER = 'Ksher sandbox: test payments only, no real money moves';

/** Channels the payer picks from: the requested ones, or the default list when none was sent. */
function offeredChannels(order: KsherSandboxOrder): string[] {
  return order.channels.length > 0 ? order.channels : defaultKsherChannels;
}

function paymentPage(order: KsherSandboxOrder, context: HostedPageContext, action: string) {
  const channels = offeredChannels(order);
  const amount = formatThb(order.amount);
  const channelPicker =
    channels.length > 1
      ? {
          choice: {
            name: 'channel',
            legend: 'Payment channel',
            options: channels.map((channel) => ({
              value: channel,
              label: ksherChannelLabel(channel),
            })),
          },
        }
      : { hidden: { channel: channels[0] as string } };
  const channelRow =
    channels.length === 1
      ? `<dt>Channel</dt><dd>${escapeHtml(ksherChannelLabel(channels[0] as string))}</dd>`
      : '';
  const body = `<h1>Pay ${escapeHtml(context.merchantName)}</h1>
<dl class="summary">
<dt>Amount</dt><dd class="amount">${escapeHtml(amount)}</dd>
<dt>Order</dt><dd>${escapeHtml(order.merchantOrderId)}</dd>
${channelRow}
</dl>
${payerActionForm({ action, actions: ['pay', 'decline', 'cancel'], ...channelPicker })}
<p class="hint">Pay marks the order paid. Decline fails it. Cancel returns to the shop and leaves the order open.</p>`;
  return htmlDocument({
    title: `Pay ${amount} to ${context.merchantName} (Ksher sandbox)`,
    cssUrl: context.cssUrl,
    banner: BANNER,
    body,
  });
}

function describeState(order: KsherSandboxOrder): string {
  if (order.status === 'Paid') return 'has already been paid';
  if (order.status === 'Refunded') return 'has been refunded';
  if (order.closeReason === 'expired') return 'has expired';
  if (order.closeReason === 'cancelled') return 'was cancelled by the merchant';
  return 'was declined';
}

function unavailablePage(order: KsherSandboxOrder, context: HostedPageContext) {
  const body = `<h1>This order is no longer available</h1>
<p>Order ${escapeHtml(order.merchantOrderId)} ${escapeHtml(describeState(order))}.</p>
<p><a class="button primary" href="${escapeHtml(order.redirectUrlFail)}">Return to ${escapeHtml(context.merchantName)}</a></p>`;
  return htmlDocument({
    title: 'Order no longer available (Ksher sandbox)',
    cssUrl: context.cssUrl,
    banner: BANNER,
    body,
  });
}

function notFoundPage(context: HostedPageContext) {
  return htmlDocument({
    title: 'Payment not found (Ksher sandbox)',
    cssUrl: context.cssUrl,
    banner: BANNER,
    body: '<h1>Payment not found</h1>\n<p>This payment link does not match any sandbox order. Orders live in memory and are lost when the sandbox restarts.</p>',
  });
}

/** GET and POST of the hosted payment page `{base}/ua?order_uuid=<32 hex>`. */
export async function handleHostedPage(
  request: Request,
  context: HostedPageContext,
): Promise<Response> {
  const url = new URL(request.url);
  const uuid = url.searchParams.get('order_uuid') ?? '';
  const order = /^[0-9a-f]{32}$/.test(uuid) ? context.findByUuid(uuid) : undefined;
  if (!order) return htmlResponse(notFoundPage(context), 404);
  const formTargets = originsOf(order.redirectUrl, order.redirectUrlFail);
  const action = `${url.pathname}${url.search}`;

  if (request.method !== 'POST') {
    if (order.status !== 'Available') {
      return htmlResponse(unavailablePage(order, context), 200, formTargets);
    }
    return htmlResponse(paymentPage(order, context, action), 200, formTargets);
  }

  const form = await request.formData().catch(() => undefined);
  const choice = form?.get('action');
  if (choice !== 'pay' && choice !== 'decline' && choice !== 'cancel') {
    return htmlResponse(paymentPage(order, context, action), 400, formTargets);
  }
  if (order.status !== 'Available') {
    return htmlResponse(unavailablePage(order, context), 409, formTargets);
  }
  if (choice === 'cancel') return seeOther(order.redirectUrlFail);
  try {
    if (choice === 'decline') {
      await context.operations.decline(order.merchantOrderId);
      return seeOther(order.redirectUrlFail);
    }
    const offered = offeredChannels(order);
    const picked = form?.get('channel');
    const channel = typeof picked === 'string' && offered.includes(picked) ? picked : offered[0];
    await context.operations.pay(order.merchantOrderId, channel as string);
    return seeOther(order.redirectUrl);
  } catch {
    // Another actor (API cancel, control API) changed the order between our read and this post.
    const current = context.findByUuid(uuid) ?? order;
    return htmlResponse(unavailablePage(current, context), 409, formTargets);
  }
}
