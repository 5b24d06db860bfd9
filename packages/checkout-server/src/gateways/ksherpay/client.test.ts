import { createGatewaySandbox, KSHERPAY_SANDBOX_CREDENTIALS } from '@localpay/gateway-sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../../errors.ts';
import { createKsherPayClient, type KsherPayCallRecord } from './client.ts';
import { KSHERPAY_PUBLIC_KEY_V1 } from './signature.ts';

const sandbox = createGatewaySandbox({ publicUrl: 'http://gateway.test/sandbox' });
afterEach(() => sandbox.ksherpay.faults.reset());

function client(overrides: { publicKey?: string; signVersion?: 'V1' | 'V2' } = {}) {
  const requests: Request[] = [];
  const calls: KsherPayCallRecord[] = [];
  const api = createKsherPayClient({
    appid: sandbox.ksherpay.appid,
    privateKey: KSHERPAY_SANDBOX_CREDENTIALS.merchantPrivateKey,
    publicKey: overrides.publicKey ?? sandbox.ksherpay.publicKey,
    apiBaseUrl: sandbox.ksherpay.apiBaseUrl,
    gatewayBaseUrl: sandbox.ksherpay.gatewayBaseUrl,
    ...(overrides.signVersion && { signVersion: overrides.signVersion }),
    fetch: async (input, init) => {
      const request = new Request(input, init);
      requests.push(request.clone());
      return sandbox.fetch(request);
    },
    onCall: (call) => {
      calls.push(call);
    },
  });
  return { api, requests, calls };
}

const qrOrder = (mchOrderNo: string) => ({
  mch_order_no: mchOrderNo,
  total_fee: 100,
  fee_type: 'THB',
  channel: 'promptpay',
});

describe('createKsherPayClient', () => {
  it('posts signed forms to the right host and logs no key, signature or QR image', async () => {
    const { api, requests, calls } = client({ signVersion: 'V2' });
    const answer = await api.nativePay(qrOrder('C-1'));
    expect(answer).toMatchObject({ code: 0, data: { result: 'SUCCESS' } });
    const request = requests[0] as Request;
    expect(request.url).toBe(`${sandbox.ksherpay.apiBaseUrl}/native_pay`);
    expect(request.headers.get('content-type')).toContain('application/x-www-form-urlencoded');
    expect(request.headers.get('ksher-sign-version')).toBe('V2');
    const form = new URLSearchParams(await request.text());
    expect(form.get('appid')).toBe('mch35000');
    expect(form.get('nonce_str')).toMatch(/^[0-9a-f]{32}$/);
    expect(form.get('time_stamp')).toMatch(/^\d{14}$/);
    expect(form.get('sign')).toMatch(/^[0-9a-f]{256}$/);
    await api.gatewayOrderQuery('C-1');
    expect(requests[1]?.url).toBe(`${sandbox.ksherpay.gatewayBaseUrl}/gateway_order_query`);
    const logged = JSON.stringify(calls);
    expect(logged).not.toContain('base64');
    expect(logged).not.toContain(form.get('sign'));
    expect(calls[0]).toMatchObject({ merchantOrderId: 'C-1', path: '/native_pay', status: 200 });
  });

  it('rejects an answer signed with another key, or changed after signing', async () => {
    const { api } = client({ publicKey: KSHERPAY_PUBLIC_KEY_V1 });
    await expect(api.nativePay(qrOrder('C-2'))).rejects.toMatchObject({
      kind: 'invalid_response',
    });
    sandbox.ksherpay.faults.set({ tamperResponseNext: 1 });
    await expect(client().api.orderQuery({ mch_order_no: 'C-2' })).rejects.toBeInstanceOf(
      GatewayError,
    );
  });

  it('maps HTTP failures to GatewayError kinds', async () => {
    sandbox.ksherpay.faults.set({ failNext: { status: 503 } });
    await expect(client().api.orderQuery({ mch_order_no: 'x' })).rejects.toMatchObject({
      kind: 'unavailable',
      httpStatus: 503,
    });
    sandbox.ksherpay.faults.set({ failNext: { status: 400 } });
    await expect(client().api.orderQuery({ mch_order_no: 'x' })).rejects.toMatchObject({
      kind: 'rejected',
    });
  });
});
