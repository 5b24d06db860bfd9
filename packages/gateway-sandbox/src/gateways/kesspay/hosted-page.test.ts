import { signKesspay } from '@localpay/checkout-server/kesspay';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGatewaySandbox, type GatewaySandbox } from '../../sandbox.ts';
import { KESSPAY_SANDBOX_CREDENTIALS as creds } from './emulator.ts';

const BASE = 'http://127.0.0.1:4010/sandbox/kesspay';
let sandbox: GatewaySandbox;

beforeEach(() => {
  sandbox = createGatewaySandbox({
    publicUrl: 'http://127.0.0.1:4010/sandbox',
    fetch: async () => new Response(null, { status: 200 }),
  });
});

afterEach(() => sandbox.close());

/** Creates an order over v1 (Basic auth keeps the setup short) and returns the answer's data. */
async function create(fields: Record<string, unknown>) {
  const params: Record<string, unknown> = {
    service: 'webpay.acquire.createorder',
    sign_type: 'MD5',
    seller_code: creds.sellerCode,
    out_trade_no: 'TR-1',
    body: 'Tea <b>&</b> cake',
    total_amount: 40000,
    currency: 'KHR',
    redirect_url: 'https://shop.example/return?x=1',
    ...fields,
  };
  params.sign = signKesspay(params, creds.apiSecretKey);
  const response = await sandbox.fetch(
    new Request(`${BASE}/api/mch/v1/gateway`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`,
      },
      body: JSON.stringify(params),
    }),
  );
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: Record<string, string> }).data;
}

const submit = (url: string, form: Record<string, string>) =>
  sandbox.fetch(new Request(url, { method: 'POST', body: new URLSearchParams(form) }));

describe('KessPay hosted WebPay page', () => {
  it('renders a no-JS form under a strict CSP, escaping order text', async () => {
    const { payment_link } = await create({});
    const page = await sandbox.fetch(new Request(payment_link as string));
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('form-action');
    expect(csp).toContain('https://shop.example');
    const html = await page.text();
    expect(html).not.toContain('<script');
    expect(html).not.toContain('style=');
    expect(html).toContain('Tea &lt;b&gt;&amp;&lt;/b&gt; cake');
    expect(html).toMatch(/KHR|៛/);
    for (const action of ['pay', 'decline', 'cancel']) expect(html).toContain(`value="${action}"`);
  });

  it('Pay marks the order paid with the chosen method and returns to redirect_url', async () => {
    const { payment_link } = await create({});
    const paid = await submit(payment_link as string, { action: 'pay', method: 'ABAAKHPP' });
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe('https://shop.example/return?x=1');
    expect(sandbox.kesspay.getOrder('TR-1')).toMatchObject({
      status: 'SUCCESS',
      paymentMethodBic: 'ABAAKHPP',
    });
    const again = await submit(payment_link as string, { action: 'pay' });
    expect(again.status).toBe(409);
  });

  it('Cancel leaves the order WAITING; Decline fails it; a bad action is 400', async () => {
    const { payment_link } = await create({});
    expect((await submit(payment_link as string, { action: 'nope' })).status).toBe(400);
    expect((await submit(payment_link as string, { action: 'cancel' })).status).toBe(303);
    expect(sandbox.kesspay.getOrder('TR-1')?.status).toBe('WAITING');
    expect((await submit(payment_link as string, { action: 'decline' })).status).toBe(303);
    expect(sandbox.kesspay.getOrder('TR-1')?.status).toBe('FAILED');
    const after = await sandbox.fetch(new Request(payment_link as string));
    expect(await after.text()).toContain('was declined');
  });

  it('unknown links are 404; a webpay token is not a QR payer page', async () => {
    const { payment_link } = await create({});
    expect((await sandbox.fetch(new Request(`${BASE}/pay/${'0'.repeat(32)}`))).status).toBe(404);
    const token = (payment_link as string).split('/').at(-1);
    expect((await sandbox.fetch(new Request(`${BASE}/qr/${token}`))).status).toBe(404);
  });
});

describe('KessPay QR payer page', () => {
  it('shows the KHQR payload and pays the order', async () => {
    const data = await create({ service: 'webpay.acquire.nativePay', service_code: 'KHQR' });
    const page = await sandbox.fetch(new Request(data.deeplink as string));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(data.qrcode as string);
    const paid = await submit(data.deeplink as string, { action: 'pay' });
    expect(paid.status).toBe(200);
    expect(await paid.text()).toContain('Payment sent');
    expect(sandbox.kesspay.getOrder('TR-1')).toMatchObject({
      status: 'SUCCESS',
      paymentMethodBic: 'KHQR',
    });
  });
});
