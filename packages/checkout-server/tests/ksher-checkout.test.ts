/**
 * End to end over real HTTP: the checkout handler and the Ksher sandbox each listen on
 * 127.0.0.1 port 0, the handler's Ksher base URL is the sandbox's http URL, and the sandbox
 * delivers signed webhooks to the handler's webhook URL.
 */
import { join } from 'node:path';
import type { GatewaySandbox } from '@localpay/gateway-sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signKsher } from '../src/gateways/ksher/signature.ts';
import { type CheckoutHandler, createCheckoutHandler } from '../src/handler.ts';
import {
  type Json,
  loadPageForm,
  readEventStream,
  type SandboxAndShop,
  shopHandlerOptions,
  startSandboxAndShop,
} from './checkout-servers.ts';
import { resolveTestCart } from './handler-harness.ts';

let servers: SandboxAndShop;
let databasePath: string;
let sandbox: GatewaySandbox;
let handler: CheckoutHandler;
let webhookUrl: string;
const fulfilled: string[] = [];

function startHandler(): CheckoutHandler {
  const created = createCheckoutHandler({
    ...shopHandlerOptions(servers, fulfilled),
    databasePath,
    resolveCart: resolveTestCart,
    ksher: {
      baseUrl: sandbox.ksher.baseUrl,
      token: sandbox.ksher.token,
      webhookUrl,
      timeoutMs: 300,
    },
  });
  servers.route = (request) => created.fetch(request);
  return created;
}

beforeAll(async () => {
  servers = await startSandboxAndShop({
    tmpPrefix: 'checkout-it-',
    keyPrefix: 'it',
    sandbox: (shopUrl) => {
      webhookUrl = `${shopUrl}/api/checkout/webhooks/ksher`;
      return { ksher: { webhookUrl, webhookRetryDelayMs: 50 } };
    },
  });
  databasePath = join(servers.dir, 'data', 'checkout.sqlite');
  sandbox = servers.sandbox;
  handler = startHandler();
});

afterEach(async () => {
  sandbox.ksher.faults.reset();
  await sandbox.ksher.idle();
});

afterAll(async () => {
  await servers.close(handler);
});

async function createSession(key?: string) {
  const response = await servers.postSession('ksher.card', [{ sku: 'tea', quantity: 1 }], key);
  return { status: response.status, body: (await response.json()) as Json };
}

const getSession = (id: string) => servers.getSession(id);

/** Does what a payer does on the hosted page: load it, then submit its form with one button. */
async function submitHostedPage(pageUrl: string, action: 'pay' | 'decline' | 'cancel') {
  const form = await loadPageForm(pageUrl);
  const channel = /name="channel" value="([^"]+)"/.exec(form.html)?.[1];
  return fetch(form.action, {
    method: 'POST',
    body: new URLSearchParams({ action, ...(channel && { channel }) }),
    redirect: 'manual',
  });
}

async function readEvents(id: string) {
  const response = await fetch(`${servers.api}/sessions/${id}/events`);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  return readEventStream(response);
}

describe('Ksher redirect checkout against the sandbox', () => {
  it('create → pay on the hosted page → webhook → succeeded, streamed over SSE', async () => {
    const { status, body: session } = await createSession();
    expect(status).toBe(201);
    expect(session.next.url.startsWith(`${sandbox.ksher.baseUrl}/ua?order_uuid=`)).toBe(true);
    const events = await readEvents(session.id);
    await events.until(/"status":"pending"/);

    const paid = await submitHostedPage(session.next.url, 'pay');
    expect(paid.status).toBe(303);
    const back = new URL(paid.headers.get('location') as string);
    expect(back.origin + back.pathname).toBe(`${servers.shopUrl}/order`);
    expect(back.searchParams.get('checkout_session')).toBe(session.id);

    const text = await events.rest();
    expect(text).toMatch(/event: status\ndata: \{"id":"cs_[0-9a-f]+","status":"succeeded"/);
    await sandbox.ksher.idle();
    expect((await getSession(session.id)).status).toBe('succeeded');
    expect(fulfilled.filter((id) => id === session.id)).toHaveLength(1);
    const types = (await handler.listEvents(session.id)).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'gateway_call',
        'webhook_received',
        'status_changed',
        'webhook_applied',
      ]),
    );
  });

  it('decline on the hosted page → failed, and the payer returns to the fail URL', async () => {
    const { body: session } = await createSession();
    const declined = await submitHostedPage(session.next.url, 'decline');
    expect(declined.status).toBe(303);
    expect(
      new URL(declined.headers.get('location') as string).searchParams.get('checkout_result'),
    ).toBe('fail');
    await sandbox.ksher.idle();
    expect(await getSession(session.id)).toMatchObject({
      status: 'failed',
      failureReason: 'declined',
    });
  });

  it('cancel → cancelled at the gateway too; the "Order Closed" webhook changes nothing', async () => {
    const { body: session } = await createSession();
    const response = await servers.cancelSession(session.id);
    expect(response.status).toBe(200);
    expect(((await response.json()) as Json).status).toBe('cancelled');
    await sandbox.ksher.idle();
    expect(sandbox.ksher.getOrder(session.id)?.status).toBe('Closed');
    expect((await getSession(session.id)).status).toBe('cancelled');
  });

  it('a duplicated webhook makes one transition and one hook call', async () => {
    sandbox.ksher.faults.set({ webhooks: 'duplicate' });
    const { body: session } = await createSession();
    await sandbox.ksher.pay(session.id);
    await sandbox.ksher.idle();
    const deliveries = sandbox.ksher
      .webhookDeliveries()
      .filter((d) => d.merchantOrderId === session.id);
    expect(deliveries.filter((d) => d.status === 200)).toHaveLength(2);
    const events = await handler.listEvents(session.id);
    expect(events.filter((e) => e.type === 'status_changed')).toHaveLength(1);
    expect(fulfilled.filter((id) => id === session.id)).toHaveLength(1);
  });

  it('rejects forged and tampered webhooks with 401', async () => {
    const { body: session } = await createSession();
    const params = {
      code: 'StatusChange',
      instance: session.id,
      message: 'Order Paid',
      type: 'Order',
    };
    const forged = signKsher(webhookUrl, params, 'f'.repeat(64));
    const forgedResponse = await fetch(
      `${webhookUrl}?${new URLSearchParams({ ...params, signature: forged })}`,
    );
    expect(forgedResponse.status).toBe(401);
    const genuine = signKsher(
      webhookUrl,
      { ...params, message: 'Order Closed' },
      sandbox.ksher.token,
    );
    const tampered = await fetch(
      `${webhookUrl}?${new URLSearchParams({ ...params, signature: genuine })}`,
    );
    expect(tampered.status).toBe(401);
    expect((await getSession(session.id)).status).toBe('pending');
    const rejected = (await handler.listEvents(session.id)).filter(
      (e) => e.type === 'webhook_rejected',
    );
    expect(rejected).toHaveLength(2);
  });

  it('the same Idempotency-Key twice gives one session and one gateway order', async () => {
    const before = sandbox.ksher.listOrders().length;
    const first = await createSession('same-key');
    const second = await createSession('same-key');
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(sandbox.ksher.listOrders().length).toBe(before + 1);
  });

  it.each([
    ['a 5xx', { failNext: { status: 500 } }],
    ['a timeout', { timeoutNext: 1 }],
  ])('%s on create → 503, and the session is failed, not pending', async (_name, faults) => {
    sandbox.ksher.faults.set(faults);
    const before = sandbox.ksher.listOrders().length;
    const { status, body } = await createSession();
    expect(status).toBe(503);
    expect(body.error.code).toBe('provider_unavailable');
    const [latest] = await handler.listOrders({ limit: 1 });
    expect(latest).toMatchObject({ status: 'failed', failureReason: 'provider_unavailable' });
    expect(sandbox.ksher.listOrders().length).toBe(before);
  });

  it('a lost webhook still resolves through GET /sessions/:id', async () => {
    sandbox.ksher.faults.set({ webhooks: 'drop' });
    const { body: session } = await createSession();
    await sandbox.ksher.pay(session.id);
    await sandbox.ksher.idle();
    expect(
      sandbox.ksher.webhookDeliveries().filter((d) => d.merchantOrderId === session.id),
    ).toMatchObject([{ status: 'dropped' }]);
    expect((await getSession(session.id)).status).toBe('succeeded');
    expect(fulfilled.filter((id) => id === session.id)).toHaveLength(1);
  });

  it('a restart on the same SQLite file keeps every order and still accepts its webhook', async () => {
    const { body: session } = await createSession();
    const before = await handler.listOrders({ limit: 1000 });
    await handler.close();

    handler = startHandler();
    expect(await handler.listOrders({ limit: 1000 })).toEqual(before);
    await sandbox.ksher.pay(session.id);
    await sandbox.ksher.idle();
    const delivered = sandbox.ksher
      .webhookDeliveries()
      .filter((d) => d.merchantOrderId === session.id);
    expect(delivered.at(-1)?.status).toBe(200);
    expect((await handler.getOrder(session.id))?.status).toBe('succeeded');
    expect(fulfilled.filter((id) => id === session.id)).toHaveLength(1);
  });
});
