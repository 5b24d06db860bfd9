import { afterEach, describe, expect, it } from 'vitest';
import { createKsherTestClient, createWebhookRecorder } from '../../../tests/ksher-client.ts';
import { createGatewaySandbox, type GatewaySandbox } from '../../sandbox.ts';
import { formatThb } from './hosted-page.ts';

const okUrl = 'https://shop.example/order?checkout_session=s1';
const failUrl = 'https://shop.example/order?checkout_session=s1&checkout_result=fail';
let sandbox: GatewaySandbox;
let recorder: ReturnType<typeof createWebhookRecorder>;

afterEach(() => sandbox.close());

async function createOrder(overrides: Record<string, unknown> = {}, merchantName = 'Siam Crafts') {
  recorder = createWebhookRecorder();
  sandbox = createGatewaySandbox({
    publicUrl: 'http://127.0.0.1:4010/sandbox',
    ksher: { webhookUrl: 'https://shop.example/webhooks/ksher', merchantName },
    fetch: recorder.fetch,
  });
  const { body } = await createKsherTestClient(sandbox).create({
    redirect_url: okUrl,
    redirect_url_fail: failUrl,
    ...overrides,
  });
  return body.reference as string;
}

function post(reference: string, fields: Record<string, string>) {
  return sandbox.fetch(
    new Request(reference, {
      method: 'POST',
      body: new URLSearchParams(fields),
      redirect: 'manual',
    }),
  );
}

describe('Ksher hosted payment page', () => {
  it('renders an accessible page with no inline style or script', async () => {
    const reference = await createOrder({ channel: 'promptpay' });
    const response = await sandbox.fetch(new Request(reference));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('content-security-policy')).toContain(
      "form-action 'self' https://shop.example",
    );
    const html = await response.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toMatch(/<title>Pay ฿890\.00 to Siam Crafts \(Ksher sandbox\)<\/title>/);
    expect(html).toContain('Ksher sandbox');
    expect(html).toContain('Siam Crafts');
    expect(html).toContain('฿890.00');
    expect(html).toContain('order-1');
    expect(html).toContain('<link rel="stylesheet" href="/sandbox/assets/sandbox.css">');
    expect(html).toContain('<form method="post"');
    for (const label of ['Pay', 'Decline', 'Cancel']) {
      expect(html).toMatch(
        new RegExp(`<button type="submit" name="action" value="\\w+"[^>]*>${label}</button>`),
      );
    }
    expect(html).not.toMatch(/\sstyle=|<style|<script|\son[a-z]+=/i);
    // One channel: no picker.
    expect(html).not.toContain('type="radio"');
    expect(html).toContain('PromptPay');
  });

  it('offers a labelled channel choice for several channels, the first checked', async () => {
    const reference = await createOrder({ channel: 'truemoney,airpay' });
    const html = await (await sandbox.fetch(new Request(reference))).text();
    expect(html).toContain('<legend>Payment channel</legend>');
    const radios = [
      ...html.matchAll(
        /<input type="radio" id="([^"]+)" name="channel" value="([^"]+)"( checked)?>/g,
      ),
    ];
    expect(radios.map((m) => [m[2], Boolean(m[3])])).toEqual([
      ['truemoney', true],
      ['airpay', false],
    ]);
    for (const radio of radios) expect(html).toContain(`<label for="${radio[1]}">`);
    expect(html).toContain('ShopeePay');
  });

  it('offers the default channels when none was requested', async () => {
    const reference = await createOrder();
    const html = await (await sandbox.fetch(new Request(reference))).text();
    expect(html.match(/type="radio"/g)?.length).toBeGreaterThan(1);
    expect(html).toContain('value="promptpay" checked');
  });

  it('Pay works as a plain form POST: paid, webhook, 303 to redirect_url', async () => {
    const reference = await createOrder({ channel: 'truemoney,airpay' });
    const response = await post(reference, { channel: 'airpay', action: 'pay' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(okUrl);
    expect(sandbox.ksher.getOrder('order-1')).toMatchObject({ status: 'Paid', channel: 'airpay' });
    await sandbox.ksher.idle();
    expect(recorder.calls.map((url) => url.searchParams.get('message'))).toEqual(['Order Paid']);
  });

  it('Decline closes the order and 303s to redirect_url_fail', async () => {
    const reference = await createOrder();
    const response = await post(reference, { action: 'decline' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(failUrl);
    expect(sandbox.ksher.getOrder('order-1')).toMatchObject({
      status: 'Closed',
      closeReason: 'declined',
    });
    await sandbox.ksher.idle();
    expect(recorder.calls.map((url) => url.searchParams.get('message'))).toEqual(['Order Closed']);
  });

  it('Cancel leaves the order Available and 303s to redirect_url_fail', async () => {
    const reference = await createOrder();
    const response = await post(reference, { action: 'cancel' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(failUrl);
    expect(sandbox.ksher.getOrder('order-1')?.status).toBe('Available');
    await sandbox.ksher.idle();
    expect(recorder.calls).toHaveLength(0);
  });

  it('shows a no-longer-available page once the order is settled', async () => {
    const reference = await createOrder();
    await sandbox.ksher.pay('order-1');
    const page = await sandbox.fetch(new Request(reference));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('no longer available');
    expect(html).toContain('has already been paid');
    expect(html).toContain(`href="${failUrl.replaceAll('&', '&amp;')}"`);
    expect(html).not.toContain('<form');
    const again = await post(reference, { action: 'pay' });
    expect(again.status).toBe(409);
  });

  it('answers 404 for an unknown order_uuid and 400 for an unknown action', async () => {
    const reference = await createOrder();
    const unknown = await sandbox.fetch(
      new Request(
        'http://127.0.0.1:4010/sandbox/ksher/ua?order_uuid=0123456789abcdef0123456789abcdef',
      ),
    );
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Payment not found');
    expect((await post(reference, { action: 'refund' })).status).toBe(400);
    expect(sandbox.ksher.getOrder('order-1')?.status).toBe('Available');
  });

  it('escapes merchant-controlled text', async () => {
    const reference = await createOrder({ merchant_order_id: 'a"<b>' }, 'Shop <script>x</script>');
    const html = await (await sandbox.fetch(new Request(reference))).text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('Shop &lt;script&gt;x&lt;/script&gt;');
    expect(html).toContain('a&quot;&lt;b&gt;');
  });

  it('formats satang as baht', () => {
    expect(formatThb(89_000)).toBe('฿890.00');
    expect(formatThb(15_050)).toBe('฿150.50');
    expect(formatThb(123_456_789)).toBe('฿1,234,567.89');
  });
});
