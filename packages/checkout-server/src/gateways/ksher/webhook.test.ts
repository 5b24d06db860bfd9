import { describe, expect, it } from 'vitest';
import { signKsher } from './signature.ts';
import { verifyKsherWebhook } from './webhook.ts';

const webhookUrl = 'https://merchant.example.com/ksher/webhook';
const token = 'my-secret-api-token';

function query(params: Record<string, string>): URLSearchParams {
  return new URLSearchParams(params);
}

describe('verifyKsherWebhook', () => {
  const params = {
    code: 'StatusChange',
    instance: '202106070001',
    message: 'Order Paid',
    type: 'Order',
  };

  it('accepts the spec vector V6 (ksher.md §11), in either hex case', () => {
    const signature = 'E7719465435CB54956FEE006835520777E627E173D309EA60258C196ABCB5A28';
    const result = verifyKsherWebhook(query({ ...params, signature }), webhookUrl, token);
    expect(result).toMatchObject({
      valid: true,
      merchantOrderId: '202106070001',
      message: 'Order Paid',
    });
    expect(
      verifyKsherWebhook(
        query({ ...params, signature: signature.toLowerCase() }),
        webhookUrl,
        token,
      ).valid,
    ).toBe(true);
  });

  it('ignores an unsigned log_entry_url', () => {
    const signature = signKsher(webhookUrl, params, token);
    const result = verifyKsherWebhook(
      query({ ...params, signature, log_entry_url: 'https://x/web#id=1' }),
      webhookUrl,
      token,
    );
    expect(result.valid).toBe(true);
  });

  it('rejects a tampered message, another URL prefix, a missing signature and repeated keys', () => {
    const signature = signKsher(webhookUrl, params, token);
    const tampered = verifyKsherWebhook(
      query({ ...params, message: 'Order Refunded', signature }),
      webhookUrl,
      token,
    );
    expect(tampered).toMatchObject({
      valid: false,
      reason: 'signature mismatch',
      merchantOrderId: '202106070001',
    });
    expect(verifyKsherWebhook(query({ ...params, signature }), `${webhookUrl}/`, token).valid).toBe(
      false,
    );
    expect(verifyKsherWebhook(query(params), webhookUrl, token).valid).toBe(false);
    const repeated = new URLSearchParams({ ...params, signature });
    repeated.append('instance', 'other');
    expect(verifyKsherWebhook(repeated, webhookUrl, token).valid).toBe(false);
  });

  it('treats an identical notification as the same dedupe key and another message as new', () => {
    const paid = verifyKsherWebhook(
      query({ ...params, signature: signKsher(webhookUrl, params, token) }),
      webhookUrl,
      token,
    );
    const refundParams = { ...params, message: 'Order Refunded' };
    const refunded = verifyKsherWebhook(
      query({ ...refundParams, signature: signKsher(webhookUrl, refundParams, token) }),
      webhookUrl,
      token,
    );
    expect(paid.valid && refunded.valid).toBe(true);
    if (paid.valid && refunded.valid) expect(paid.dedupeKey).not.toBe(refunded.dedupeKey);
  });
});
