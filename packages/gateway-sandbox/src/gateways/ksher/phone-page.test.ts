import { afterEach, describe, expect, it } from 'vitest';
import {
  createKsherTestClient,
  createWebhookRecorder,
  typedOrderCalls,
} from '../../../tests/ksher-client.ts';
import { decodeQrPng } from '../../../tests/qr-png.ts';
import { createGatewaySandbox, type GatewaySandbox } from '../../sandbox.ts';

let sandbox: GatewaySandbox;
let recorder: ReturnType<typeof createWebhookRecorder>;

afterEach(() => sandbox?.close());

async function setup() {
  recorder = createWebhookRecorder();
  sandbox = createGatewaySandbox({
    publicUrl: 'http://127.0.0.1:4010/sandbox',
    ksher: { webhookUrl: 'https://shop.example/webhooks/ksher', merchantName: 'Siam Crafts' },
    fetch: recorder.fetch,
  });
  const client = createKsherTestClient(sandbox);
  const cscanb = typedOrderCalls(client, 'cscanb');
  const { body } = await cscanb.create({
    merchant_order_id: 'qr <1>',
    amount: 12_345,
    channel: 'truemoney',
  });
  await cscanb.create({ merchant_order_id: 'qr-2', amount: 500, channel: 'promptpay' });
  await client.create({ merchant_order_id: 'web-1' });
  return { client, cscanb, payload: decodeQrPng(body.reserved1 as string) };
}

const phone = (path = '', init?: RequestInit) =>
  sandbox.fetch(new Request(`http://127.0.0.1:4010/sandbox/ksher/phone${path}`, init));

const post = (path: string, action: string) =>
  phone(path, { method: 'POST', body: new URLSearchParams({ action }), redirect: 'manual' });

describe("Ksher sandbox payer's phone", () => {
  it('lists open QR orders only, escaped, with the strict CSP and the sandbox stylesheet', async () => {
    await setup();
    const response = await phone();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('content-security-policy')).toContain("form-action 'self'");
    const html = await response.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<link rel="stylesheet" href="/sandbox/assets/sandbox.css">');
    expect(html).not.toMatch(/<script|style=/);
    expect(html).toContain('<caption>Open QR orders</caption>');
    expect(html).toContain('qr &lt;1&gt;');
    expect(html).not.toContain('qr <1>');
    expect(html).toContain('href="/sandbox/ksher/phone/qr%20%3C1%3E"');
    expect(html).toContain('฿123.45');
    expect(html).toContain('TrueMoney Wallet');
    expect(html).toContain('qr-2');
    expect(html).not.toContain('web-1');
    expect(html).toContain('<label for="payload">Scanned QR content</label>');

    await sandbox.ksher.pay('qr-2');
    expect(await (await phone()).text()).not.toContain('qr-2');
  });

  it('finds the order a scanned payload belongs to, and 404s an unknown payload', async () => {
    const { payload } = await setup();
    const found = await phone(`?payload=${encodeURIComponent(payload)}`, { redirect: 'manual' });
    expect(found.status).toBe(303);
    expect(found.headers.get('location')).toBe('/sandbox/ksher/phone/qr%20%3C1%3E');
    const unknown = await phone('?payload=000201010212');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('No sandbox order matches this QR code.');
  });

  it('shows amount and merchant with Pay and Decline; Pay marks it paid and sends the webhook', async () => {
    await setup();
    const page = await phone('/qr%20%3C1%3E');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<h1>Pay Siam Crafts</h1>');
    expect(html).toContain('฿123.45');
    expect(html).toContain('<form method="post" action="/sandbox/ksher/phone/qr%20%3C1%3E">');
    expect(html).toMatch(/<button type="submit" name="action" value="pay"[^>]*>Pay<\/button>/);
    expect(html).toMatch(
      /<button type="submit" name="action" value="decline"[^>]*>Decline<\/button>/,
    );

    const paid = await post('/qr%20%3C1%3E', 'pay');
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe('/sandbox/ksher/phone/qr%20%3C1%3E');
    expect(sandbox.ksher.getOrder('qr <1>')).toMatchObject({
      status: 'Paid',
      channel: 'truemoney',
    });
    const after = await (await phone('/qr%20%3C1%3E')).text();
    expect(after).toContain('<p role="status">Order qr &lt;1&gt;: Paid.</p>');
    expect(after).not.toContain('value="pay"');
    // A second post does not pay twice.
    expect((await post('/qr%20%3C1%3E', 'pay')).status).toBe(409);

    await sandbox.ksher.idle();
    expect(recorder.calls.map((url) => url.searchParams.get('message'))).toEqual(['Order Paid']);
    expect(recorder.calls[0]?.searchParams.get('instance')).toBe('qr <1>');
  });

  it('Decline closes the order and the query reports it failed', async () => {
    const { cscanb } = await setup();
    expect((await post('/qr-2', 'decline')).status).toBe(303);
    expect((await cscanb.query('qr-2')).body).toMatchObject({
      status: 'Closed',
      error_code: 'FAIL',
      error_message: 'Fail',
    });
    await sandbox.ksher.idle();
    expect(recorder.calls.map((url) => url.searchParams.get('message'))).toEqual(['Order Closed']);
  });

  it('rejects unknown actions, redirect orders and unknown ids', async () => {
    await setup();
    expect((await post('/qr-2', 'steal')).status).toBe(400);
    expect(sandbox.ksher.getOrder('qr-2')?.status).toBe('Available');
    expect((await phone('/web-1')).status).toBe(404);
    expect((await phone('/nope')).status).toBe(404);
    expect((await phone('/%E0%A4%A')).status).toBe(404);
    expect((await phone('/qr-2', { method: 'PUT' })).status).toBe(405);
  });
});
