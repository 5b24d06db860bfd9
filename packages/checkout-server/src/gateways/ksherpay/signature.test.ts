import { createPublicKey, sign } from 'node:crypto';
import {
  KSHER_DEMO_MCH35000_PRIVATE_KEY,
  KSHER_SDK_EXAMPLE_PRIVATE_KEY,
  KSHERPAY_SANDBOX_CREDENTIALS,
} from '@localpay/gateway-sandbox';
import { describe, expect, it } from 'vitest';
import {
  KSHERPAY_PUBLIC_KEY_V1,
  KSHERPAY_PUBLIC_KEY_V2,
  ksherPaySigningString,
  signKsherPay,
  verifyKsherPay,
} from './signature.ts';

const exampleKey = KSHER_SDK_EXAMPLE_PRIVATE_KEY;
const demoKey = KSHER_DEMO_MCH35000_PRIVATE_KEY;

describe('signKsherPay (ksherpay.md §10)', () => {
  it('V1: the docs gateway_order_query example', () => {
    const params = {
      appid: 'mch32625',
      mch_order_no: '33663431',
      nonce_str: 'd2b4874c75fca3d7c637bee971ede6ac',
      time_stamp: '2020041421583131S',
    };
    expect(ksherPaySigningString(params)).toBe(
      'appid=mch32625mch_order_no=33663431nonce_str=d2b4874c75fca3d7c637bee971ede6actime_stamp=2020041421583131S',
    );
    expect(signKsherPay({ ...params, sign: 'ignored' }, exampleKey)).toBe(
      '6aa39ba2ab6ac60df6223b0604a1fffe62280d33accb6d91a2dceea6648c04b8117d5b33f5f348d21adcc47f1f63faae8fd77b6800e476bf92d5ad45488cdadc',
    );
  });

  it('V2: the Node SDK gateway_pay data with the 1024-bit demo key', () => {
    const params = {
      appid: 'mch35005',
      channel_list:
        'promptpay,linepay,airpay,truemoney,atome,card,ktc_instal,kbank_instal,kcc_instal,kfc_instal,scb_easy,bbl_deeplink,baybank_deeplink,kplus,alipay,wechat,card,ktc_instal,kbank_instal,kcc_instal,kfc_instal',
      fee_type: 'THB',
      lang: 'en',
      mch_code: '2023-02-22-17-11-00',
      mch_notify_url: 'https://www.yourweb.com/api/gateway_pay/notify_url/',
      mch_order_no: '2023-02-22-17-11-00',
      mch_redirect_url: 'https://www.yourweb.com/api/gateway_pay/success',
      mch_redirect_url_fail: 'https://www.yourweb.com/api/gateway_pay/fail',
      nonce_str: 'a2de1d78127dd837e648ef0c28773fcb',
      product_name: '2023-02-20-17-27-00',
      refer_url: 'https://www.yourweb.com',
      time_stamp: '2023030317445454S',
      total_fee: 100,
    };
    expect(signKsherPay(params, demoKey)).toBe(
      '5a665ecc4e1a94f01de579a9dd1c4850984066a7d4b479bb3bc3d8872c5ac871a3e868efdf9da0b8baaac1cd3f3ce789f7e6e677fb8ff25ea1b872c387980161db485ed84e28c9ae064dacae877d8855deb4bb3332499e9a5f73675377e0fa7baf66f8129299c4e505439501e2088abfed1558a9a2bff39a582dcf36b364a049',
    );
  });

  const c1 = {
    appid: 'mch32625',
    channel: 'promptpay',
    fee_type: 'THB',
    mch_order_no: '20240101000001',
    nonce_str: 'abcdefghijklmnopqrstuvwxyz012345',
    notify_url: 'https://merchant.example.com/ksher/notify',
    time_stamp: '20240101000000',
    total_fee: 100,
  };

  it('C1: native_pay with the example key', () => {
    expect(ksherPaySigningString(c1)).toBe(
      'appid=mch32625channel=promptpayfee_type=THBmch_order_no=20240101000001nonce_str=abcdefghijklmnopqrstuvwxyz012345notify_url=https://merchant.example.com/ksher/notifytime_stamp=20240101000000total_fee=100',
    );
    expect(signKsherPay(c1, exampleKey)).toBe(
      '15ce7595f21626857f9b8c3e1ca03f0a74e40447d8d1d5f9aaf95f835af440282ea30226847008b54a2e848b65ff4371236673ed5442f7651b25e262e2cc773b',
    );
  });

  it('C2: order_refund with the 1024-bit demo key', () => {
    const params = {
      appid: 'mch35000',
      fee_type: 'THB',
      mch_order_no: '20240101000001',
      mch_refund_no: 'R20240101000001',
      nonce_str: 'abcdefghijklmnopqrstuvwxyz012345',
      refund_fee: 50,
      time_stamp: '20240101000500',
      total_fee: 100,
    };
    expect(signKsherPay(params, demoKey)).toBe(
      '36bf8496289ac4ad58371b8484ce6a58e9e3b973989d430f8e7ccd3df470f930088a1cc9441ed2fa50e98b3644e4057f064a0092ccdb053c8628fe47659ca7e17c02b73eea6042e10c9e5b27676e6df0387421dd66f4a6dcc133e3dd063e81389de832921fb172c06c1f68129b131229c7ab50c0ad84b8ed9515de895d2ecf35',
    );
  });

  it('C4: an emulator notify data object, verifiable with the sandbox key', () => {
    const data = {
      appid: 'mch32625',
      attach: '',
      cash_fee: '',
      cash_fee_type: '',
      channel: 'promptpay',
      channel_order_no: '2401011200001234',
      fee_type: 'THB',
      ksher_order_no: '90020240101120000123456',
      mch_order_no: 'INV-0001',
      nonce_str: '0123456789abcdef0123456789abcdef',
      openid: '',
      pay_mch_order_no: '2401011200005555',
      rate: '1.000000',
      result: 'SUCCESS',
      time_end: '2024-01-01 12:00:30',
      total_fee: 15050,
    };
    const expected =
      '65dc787a6778fcbb22905aa3a7fa95cc008d2ab38faf73ff80fa06a43b3928233c2d04df414f657f297bd8006fc95a2826038640a86f53e667ec8db7a832e553';
    expect(signKsherPay(data, exampleKey)).toBe(expected);
    expect(verifyKsherPay(data, expected, KSHERPAY_SANDBOX_CREDENTIALS.ksherPublicKey)).toBe(true);
    expect(
      verifyKsherPay(
        { ...data, total_fee: 15051 },
        expected,
        KSHERPAY_SANDBOX_CREDENTIALS.ksherPublicKey,
      ),
    ).toBe(false);
  });

  it('C6: sorts the k=v pair strings, not the keys', () => {
    expect(ksherPaySigningString({ ab: 'x', ab1: 'y' })).toBe('ab1=yab=x');
  });

  it('C7: an RSA-SHA1 signature (WooCommerce plugin) does not verify as RSA-MD5', () => {
    const sha1 =
      'c456b4cb789552d577bed814aa8b7ede6ec7bf11b57a14690a1eeecde0668ece0da50b99d7ce7b4829dc35274b970d6fc33dc5fddfe3c4ab6622654a0f4cff39';
    expect(
      sign('RSA-SHA1', Buffer.from(ksherPaySigningString(c1), 'utf8'), exampleKey).toString('hex'),
    ).toBe(sha1);
    const publicPem = createPublicKey(exampleKey).export({
      type: 'pkcs1',
      format: 'pem',
    }) as string;
    expect(verifyKsherPay(c1, sha1, publicPem)).toBe(false);
    expect(verifyKsherPay(c1, signKsherPay(c1, exampleKey), publicPem)).toBe(true);
  });

  it('keeps empty values, renders nested arrays as sorted compact JSON (V5 string)', () => {
    const data = {
      refund_orders: [
        { refund_state: 'REFUNDSUCCESS', mch_refund_fee: 20, channel_refund_no: 'a' },
      ],
      attach: '',
      refund_count: '1',
    };
    expect(ksherPaySigningString(data)).toBe(
      'attach=refund_count=1refund_orders=[{"channel_refund_no":"a","mch_refund_fee":20,"refund_state":"REFUNDSUCCESS"}]',
    );
  });
});

/** Published Ksher answers (§10.1), each verified with the built-in V1 key. */
const PUBLISHED: Array<{ id: string; api?: string; data: Record<string, unknown>; sign: string }> =
  [
    {
      id: 'V3 mch_notify_url notification (S1 netcore)',
      data: {
        appid: 'mch35005',
        attach: '',
        cash_fee: '',
        cash_fee_type: '',
        channel: 'airpay',
        channel_order_no: '1254233130',
        fee_type: 'THB',
        ksher_order_no: '90020210527111737185024',
        mch_order_no: '20210519',
        nonce_str: 'orvGFiv6qOJsoNgg3fZcIcJJRmGYV2Wr',
        openid: '',
        pay_mch_order_no: '2105271017222548',
        rate: '1.000000',
        result: 'SUCCESS',
        time_end: '2021-05-27 10:18:07',
        total_fee: 100,
      },
      sign: '56e563680f4ae5383c652bba161382e692991c7f3cc5e5d593032344baa96333469863d8eb6e5481341ec80039f9b7f658189456f5ace288b3e33fb7e8b7ec75',
    },
    {
      id: 'V4 gateway_pay (S2 test)',
      data: {
        pay_content:
          'https://gateway.ksher.com/ua?order_uuid=f624f098b8d111edacef525400962f26&lang=en',
      },
      sign: '7b2159b7f2ec4bff350322b5cdef55bfe4265c03023390ccf8e98292c559a29d79c34ad2eaceaeb5b7d5c6ab9e13afb8c85b0bf267046ea0c5b3d24bf53c09d6',
    },
    {
      id: 'V14 gateway_pay (S3 readme)',
      data: {
        pay_content: 'https://gateway.ksher.com/page?order_uuid=49ba030e7e1711ea97e652540075451d',
      },
      sign: '6608b289c41550669d34236fd878045a5f95ad4a67b40988c4892ff71972ce2d809f453284b81c2c64dea5fbee826e6e81bf67a1644439a7e7917e555fbf8a9e',
    },
    {
      id: 'V6 merchant_info (signed subset)',
      api: 'merchant_info',
      data: {
        account_type: 'Formal',
        agency_info: { agency_name: '54321@ksher.net', mobile: '13823114817' },
        business_mode: 'online',
        country_support_channel: ['wechat', 'alipay'],
        mch_appid: 'mch29217',
        mch_id: '29217',
        mobile: '0917804190',
        nonce_str: '90878866ae158dbec56351fd463c2717',
        wht: 1,
      },
      sign: '0b212f66aa7056d33e74f198948dc07b4df29e362cf0ced38be153255d4f13b9f881075f9728f81b65d3b9797b02598c0a42cdd1b576dcaa456c17f176e21ee2',
    },
    {
      id: 'V7 get_settlement_info (signed subset; S1 python docstring)',
      api: 'get_settlement_info',
      data: {
        begin_date: '2020-07-01',
        end_date: '2020-09-10',
        nonce_str: '1At1iDK27LQxVnIvSwzqjlzgEZCsXTsj',
        settlement_data: [{ pay_channel: 'wechat', settlement_amount: -2939, vat: -4 }],
      },
      sign: '17b62a22612f5639cfb584c437d7f70d3f9da6e2a0bdcb12334ccda34eb3cde2f7d781b0352474ab689c2d9b16a7aa78bef64afbb85110fd47f468e2be091eab',
    },
    {
      id: 'V10 quick_pay SUCCESS (S3 readme)',
      data: {
        appid: 'mch28811',
        attach: '',
        cash_fee: 13,
        cash_fee_type: 'MYR',
        channel: 'alipayplus',
        channel_order_no: '20231108194010800100188510282869308',
        device_id: '',
        fee_type: 'THB',
        ksher_order_no: '70020231108144112192582',
        mch_order_no: '20231108133700',
        nonce_str: '4970723599474fd93563f24f2735b2b2',
        openid: 'TNG1000004233742329',
        operation: 'QUICK-PAY',
        operator_id: '13994',
        rate: '1.000000',
        result: 'SUCCESS',
        time_end: '2023-11-08 13:41:15',
        total_fee: 100,
      },
      sign: '29c95f95063ec9631eca8c89679241e4c5f5752e91e13dd482069bf8a65b7003776f40ad14756cd66333667481aab4eff32c9bfaa4b958ee204476f350a41063',
    },
    {
      id: 'V11 quick_pay NOTSURE (S3 readme)',
      data: {
        err_code: 'PAYMENT_IN_PROCESS',
        err_msg: 'payment in process',
        ksher_order_no: '70020231108144615748821',
        mch_order_no: '20231108134600',
        nonce_str: '4970723599474fd93563f24f2735b2b2',
        result: 'NOTSURE',
      },
      sign: '8585990347071de0d54dcb89626cf535924f4e93aa32cafe58615a94217cfad6f59467dfd519e8ca30c0d1f34705ee6b2277dd899d07c4abe5ad66196d89ce2a',
    },
    {
      id: 'V13 order_close (docs example)',
      data: {
        appid: 'mch36591',
        mch_order_no: 'test3',
        nonce_str: '7a57e84495bfe7abff4ff23591516511',
        result: 'SUCCESS',
      },
      sign: '61805f39c7c484d936cbf40c864b11b9fec0b93205fdbc4efe5b71c9c7dfd98152e1ebc9af5866dd54cf58008418b52ea6122e7994f1d3fe5e6d559a8b022e5f',
    },
    {
      id: 'V14 gateway_order_query NOTSURE (S2 test)',
      data: {
        channel: '',
        openid: '',
        channel_order_no: '',
        cash_fee_type: '',
        ksher_order_no: '',
        nonce_str: '',
        time_end: '',
        fee_type: 'THB',
        attach: '',
        rate: '',
        result: 'NOTSURE',
        total_fee: 100,
        appid: 'mch35005',
        cash_fee: '',
        mch_order_no: '2023-02-22-17-11-00',
        pay_mch_order_no: '2303031613445796',
      },
      sign: '7a70f22e35a89e2a792c64a27ed8d43f1376601ea29c1db3c38ad5f09b751d7298013505ecb208496b952257362d27200f7dfbe48b58e688bd0b5cb59e2932b9',
    },
  ];

describe('verifyKsherPay with the published V1 key', () => {
  for (const sample of PUBLISHED) {
    it(`verifies ${sample.id}`, () => {
      expect(verifyKsherPay(sample.data, sample.sign, KSHERPAY_PUBLIC_KEY_V1, sample.api)).toBe(
        true,
      );
      expect(
        verifyKsherPay(sample.data, sample.sign.toUpperCase(), KSHERPAY_PUBLIC_KEY_V1, sample.api),
      ).toBe(true);
    });
  }

  const v3 = PUBLISHED[0] as (typeof PUBLISHED)[number];

  it('rejects V3 without its empty fields, with another key, or changed', () => {
    const withoutEmpty = Object.fromEntries(Object.entries(v3.data).filter(([, v]) => v !== ''));
    expect(verifyKsherPay(withoutEmpty, v3.sign, KSHERPAY_PUBLIC_KEY_V1)).toBe(false);
    expect(verifyKsherPay(v3.data, v3.sign, KSHERPAY_PUBLIC_KEY_V2)).toBe(false);
    expect(verifyKsherPay({ ...v3.data, result: 'FAIL' }, v3.sign, KSHERPAY_PUBLIC_KEY_V1)).toBe(
      false,
    );
    expect(verifyKsherPay(v3.data, `${v3.sign.slice(0, -2)}00`, KSHERPAY_PUBLIC_KEY_V1)).toBe(
      false,
    );
  });

  it('applies a signed subset only for the API that signs one', () => {
    const v6 = PUBLISHED.find(
      (sample) => sample.api === 'merchant_info',
    ) as (typeof PUBLISHED)[number];
    // The published merchant_info signature must not vouch for extra fields elsewhere.
    const forged = { ...v6.data, mch_order_no: 'victim', result: 'SUCCESS' };
    expect(verifyKsherPay(forged, v6.sign, KSHERPAY_PUBLIC_KEY_V1)).toBe(false);
    expect(verifyKsherPay(v6.data, v6.sign, KSHERPAY_PUBLIC_KEY_V1)).toBe(false);
    expect(verifyKsherPay(v6.data, v6.sign, KSHERPAY_PUBLIC_KEY_V1, 'merchant_info')).toBe(true);
  });

  it('never throws for malformed signatures or keys', () => {
    expect(verifyKsherPay(v3.data, 'not hex', KSHERPAY_PUBLIC_KEY_V1)).toBe(false);
    expect(verifyKsherPay(v3.data, '', KSHERPAY_PUBLIC_KEY_V1)).toBe(false);
    expect(verifyKsherPay(v3.data, v3.sign, 'not a key')).toBe(false);
  });

  it('the built-in keys parse (V1 512-bit, V2 2048-bit)', () => {
    expect(createPublicKey(KSHERPAY_PUBLIC_KEY_V1).asymmetricKeyDetails?.modulusLength).toBe(512);
    expect(createPublicKey(KSHERPAY_PUBLIC_KEY_V2).asymmetricKeyDetails?.modulusLength).toBe(2048);
  });
});
