/** Channels of the B scan C API (ksher.md §4.3, §8). */
export const ksherBscancChannels = ['alipay', 'wechat', 'linepay', 'airpay', 'truemoney'];

/**
 * Sandbox rules for the customer's wallet code (`auth_code`). WeChat (10-15) and Alipay (25-30)
 * use their published payment-code prefixes; the others are sandbox conventions, as their real
 * formats are not documented. Anything else, and every code starting with `0000`, is declined as
 * `invalid_payment_code` (Ksher's own example code "00003030015998" is the declined kind).
 */
export const ksherTestAuthCodes: Record<
  string,
  { rule: string; pattern: RegExp; example: string }
> = {
  alipay: {
    rule: '16-24 digits starting with 25-30',
    pattern: /^(2[5-9]|30)\d{14,22}$/,
    example: '286501234567890123',
  },
  wechat: {
    rule: '18 digits starting with 10-15',
    pattern: /^1[0-5]\d{16}$/,
    example: '134567890123456789',
  },
  linepay: {
    rule: '18 digits starting with 3',
    pattern: /^3\d{17}$/,
    example: '312345678901234567',
  },
  airpay: {
    rule: '18 digits starting with 4',
    pattern: /^4\d{17}$/,
    example: '412345678901234567',
  },
  truemoney: {
    rule: '18 digits starting with 5',
    pattern: /^5\d{17}$/,
    example: '512345678901234567',
  },
};

/** A code every channel declines. */
export const KSHER_DECLINED_AUTH_CODE = '000012345678901234';

/** Whether the sandbox accepts this wallet code for the channel. */
export function isAcceptedAuthCode(channel: string, authCode: string): boolean {
  if (authCode.startsWith('0000')) return false;
  return ksherTestAuthCodes[channel]?.pattern.test(authCode) ?? false;
}

/** The control API's description of the test codes. */
export function describeTestAuthCodes() {
  return {
    declined: {
      rule: 'starts with 0000, or does not match the channel rule',
      example: KSHER_DECLINED_AUTH_CODE,
      reserved3: 'invalid_payment_code',
    },
    accepted: Object.fromEntries(
      Object.entries(ksherTestAuthCodes).map(([channel, { rule, example }]) => [
        channel,
        { rule, example },
      ]),
    ),
  };
}
