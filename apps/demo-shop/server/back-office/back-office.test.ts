import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoShop, startDemoShop } from '../demo-shop.ts';

let shop: DemoShop;
let dataDir: string;
let auth: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'back-office-'));
  shop = await startDemoShop({ port: 0, env: {}, dataDir, log: () => {} });
  const { username, password } = shop.backOffice as { username: string; password: string };
  auth = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
});

afterAll(async () => {
  await shop.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function admin(path: string, init: RequestInit = {}) {
  return fetch(`${shop.url}/admin${path}`, {
    redirect: 'manual',
    ...init,
    headers: { authorization: auth, origin: shop.url, ...init.headers },
  });
}

function form(fields: Record<string, string>): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  };
}

async function paidOrder(): Promise<string> {
  const response = await fetch(`${shop.url}/api/checkout/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({
      methodId: 'ksher.card',
      cart: { items: [{ sku: 'silk-scarf', quantity: 2 }] },
      returnUrl: `${shop.url}/order`,
    }),
  });
  const session = (await response.json()) as { id: string };
  await shop.sandbox?.ksher.pay(session.id);
  await shop.sandbox?.ksher.idle();
  await expect
    .poll(async () => (await shop.checkout.getOrder(session.id))?.status)
    .toBe('succeeded');
  return session.id;
}

describe('back office', () => {
  it('redirects /admin/ to /admin rather than falling through to the storefront', async () => {
    const response = await admin('/');
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/admin');
  });

  it('needs the password', async () => {
    const response = await fetch(`${shop.url}/admin`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Basic');
    const wrong = await fetch(`${shop.url}/admin`, {
      headers: { authorization: `Basic ${Buffer.from('admin:nope').toString('base64')}` },
    });
    expect(wrong.status).toBe(401);
  });

  it('lists orders and shows an order with its status history', async () => {
    const id = await paidOrder();
    const list = await (await admin('')).text();
    expect(list).toContain(`/admin/orders/${id}`);
    const page = await (await admin(`/orders/${id}`)).text();
    expect(page).toContain('succeeded');
    expect(page).toContain('pending → succeeded');
    expect(page).toContain('Thai silk scarf × 2');
  });

  it('refunds part, then the rest, and refuses more than was paid', async () => {
    const id = await paidOrder();
    const partial = await admin(`/orders/${id}/refund`, form({ amount: '100.50' }));
    expect(partial.status).toBe(303);
    expect(await shop.checkout.getOrder(id)).toMatchObject({
      status: 'partially_refunded',
      refundedAmount: 10_050,
    });

    const tooMuch = await admin(`/orders/${id}/refund`, form({ amount: '5000' }));
    expect(tooMuch.status).toBe(400);
    expect(await tooMuch.text()).toContain('Refund failed');

    const rest = await admin(`/orders/${id}/refund`, form({ amount: '' }));
    expect(rest.status).toBe(303);
    expect(await shop.checkout.getOrder(id)).toMatchObject({
      status: 'refunded',
      refundedAmount: 178_000,
    });
  });

  it('rejects a state change from another origin', async () => {
    const id = await paidOrder();
    const response = await admin(`/orders/${id}/refund`, {
      ...form({ amount: '1' }),
      headers: {
        origin: 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
    });
    expect(response.status).toBe(403);
    expect((await shop.checkout.getOrder(id))?.refundedAmount).toBe(0);
  });

  it('charges a wallet code at the cashier, and reports a declined code', async () => {
    const ok = await (
      await admin(
        '/cashier',
        form({ channel: 'truemoney', authCode: '501234567890123456', amount: '42.50' }),
      )
    ).text();
    expect(ok).toContain('Paid: order');
    const declined = await (
      await admin(
        '/cashier',
        form({ channel: 'truemoney', authCode: '000012345678', amount: '42.50' }),
      )
    ).text();
    expect(declined).toContain('Not paid');
    const bad = await admin(
      '/cashier',
      form({ channel: 'truemoney', authCode: '501234567890123456', amount: '4.255' }),
    );
    expect(bad.status).toBe(400);
  });

  it('shows the settlement report for a date', async () => {
    await paidOrder();
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const response = await admin(`/settlements?date=${today}`);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toMatch(/\d+ transactions on/);
    expect(page).toContain('Settlement summary');
  });
});
