import { signKsher, verifyKsher } from '@localpay/checkout-server/ksher';
import { describe, expect, it } from 'vitest';
import { createWebhookRecorder } from '../tests/ksher-client.ts';
import { startGatewaySandbox } from './node-server.ts';

function signedCreate(token: string, merchantOrderId: string) {
  const params = {
    merchant_order_id: merchantOrderId,
    amount: 2_500,
    redirect_url: 'http://127.0.0.1:9/ok',
    redirect_url_fail: 'http://127.0.0.1:9/fail',
    timestamp: '1700000000',
  };
  return JSON.stringify({
    ...params,
    signature: signKsher('/api/v1/redirect/orders', params, token),
  });
}

describe('startGatewaySandbox', () => {
  it('answers over real HTTP on port 0 and close() frees the port', async () => {
    const running = await startGatewaySandbox({
      port: 0,
      mountPath: '/sandbox',
      fetch: createWebhookRecorder().fetch,
    });
    const { ksher } = running.sandbox;
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sandbox$/);
    expect(ksher.baseUrl).toBe(`${running.url}/ksher`);

    const created = await fetch(`${ksher.baseUrl}/api/v1/redirect/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: signedCreate(ksher.token, 'http-1'),
    });
    expect(created.status).toBe(200);
    const body = (await created.json()) as Record<string, unknown>;
    expect(verifyKsher('/api/v1/redirect/orders', body, ksher.token)).toBe(true);

    const page = await fetch(body.reference as string);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('฿25.00');
    const css = await fetch(`${running.url}/assets/sandbox.css`);
    expect(css.headers.get('content-type')).toContain('text/css');

    await running.close();
    await expect(fetch(`${ksher.baseUrl}/_control/orders`)).rejects.toThrow();
  });

  it('networkErrorNext drops the connection so a real fetch fails with a TypeError', async () => {
    const running = await startGatewaySandbox({ port: 0, fetch: createWebhookRecorder().fetch });
    const { ksher } = running.sandbox;
    ksher.faults.set({ networkErrorNext: 1 });
    const send = () =>
      fetch(`${ksher.baseUrl}/api/v1/redirect/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: signedCreate(ksher.token, 'net-1'),
      });
    await expect(send()).rejects.toBeInstanceOf(TypeError);
    expect((await send()).status).toBe(200);
    await running.close();
  });

  it('close() does not wait for requests hung by the timeout fault', async () => {
    const running = await startGatewaySandbox({ port: 0, fetch: createWebhookRecorder().fetch });
    const { ksher } = running.sandbox;
    expect(ksher.baseUrl).toBe(`${running.url}/ksher`);
    ksher.faults.set({ timeoutNext: 1 });
    await expect(
      fetch(`${ksher.baseUrl}/api/v1/redirect/orders`, {
        method: 'POST',
        body: signedCreate(ksher.token, 'hung-1'),
        signal: AbortSignal.timeout(50),
      }),
    ).rejects.toMatchObject({ name: 'TimeoutError' });
    ksher.faults.set({ timeoutNext: 1 });
    const stillHung = fetch(`${ksher.baseUrl}/api/v1/redirect/orders`, {
      method: 'POST',
      body: signedCreate(ksher.token, 'hung-2'),
    }).then(
      (response) => response.status,
      () => 'closed',
    );
    await expect.poll(() => ksher.faults.get()).toEqual({});
    await running.close();
    expect(['closed', 504]).toContain(await stillHung);
    expect(ksher.listOrders()).toEqual([]);
  });
});
