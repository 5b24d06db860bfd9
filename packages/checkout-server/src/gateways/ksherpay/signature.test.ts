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
    {
      id: 'V8 native_pay (S2 test/verifySignature.test.js)',
      data: {
        trade_type: 'NATIVE',
        ksher_order_no: '90020230219183454924882',
        mch_order_no: '2023-02-19-17-34-00',
        nonce_str: 'ZvL4zwWReMfkVqxxJS8yKPCdMVbjk6Kk',
        fee_type: 'THB',
        imgdat:
          'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAZgAAAGYCAYAAAB/O/RVAAAYJ0lEQVR4nO3dW6xtV3kf8G/Mtde+nIvPMeDE2MbEIQUTggM1pGmLiROaSJVC1aalqpKXtlJb5REqVahS+9KqqtQ8lahVlagPiaJKTR+qtFIipBCwXQoSEBooAZy4xhjbYMDG+Fy8915z9GHtfXzu08fzfIy51v79pCUfn7XWvM/5P2PO8a1Raq01AOAm61ovAADrScAAkELAAJBCwACQQsAAkELAAJBCwACQYmPoA6WUH8RyNDO2DGho+6x7mVH28dF6/6z694eM3X+rvv5Dspd/1Q2tvxYMACkEDAApBAwAKQQMACkEDAApBAwAKQQMACkG62CGTL3Oo3WdxtTn33r5x8quk1j17ZNt6us/9eVb9+unFgwAKQQMACkEDAApBAwAKQQMACkEDAApBAwAKUbXwQxpXQfSWnYdxdT7+Q+Zep1J9ngpY7Uez2XqVn39Vv36qQUDQAoBA0AKAQNACgEDQAoBA0AKAQNACgEDQIr0OhhyZfdjzx5vZqzs5Ru7/KtepzL1+WdrPf9VpwUDQAoBA0AKAQNACgEDQAoBA0AKAQNACgEDQAp1MAOy6zxajxey7nUuQ1Z9PJCx22fqdUJTr3Pi+rRgAEghYABIIWAASCFgAEghYABIIWAASCFgAEiRXgez6v3Mpz4eyNjvt65zaW3qdUjZVn3+6358T335hmjBAJBCwACQQsAAkELAAJBCwACQQsAAkELAAJBidB3M1MfTGKv1eDCtx8tY9+8PaV1Hserzb/39sbLnv+7XTy0YAFIIGABSCBgAUggYAFIIGABSCBgAUggYAFIM1sGs+ngE2VrXybSWXWfSWus6i7Hfz64TGjL143/q67/qtGAASCFgAEghYABIIWAASCFgAEghYABIIWAASDF6PJghY/uZT328hdZ1BkNaL9+qj/eRrfX2WfXxdFb9+Gm9/7NpwQCQQsAAkELAAJBCwACQQsAAkELAAJBCwACQIr0OZsi694NvPf9sreswWo83MvU6kbGy90/rOrmxsuffuo5tyNDyacEAkELAAJBCwACQQsAAkELAAJBCwACQQsAAkGKwDqZ1P+vWdQZT//6Q1nUGUx8PZOrbZ+rWffu2Xr/W15+xtGAASCFgAEghYABIIWAASCFgAEghYABIIWAASDF6PJipj4cw9e8PaT3exar3829dZ6JO5/pa10FNffpjtb5+aMEAkELAAJBCwACQQsAAkELAAJBCwACQQsAAkGJ0HcyQVe/H37qOYkjr7du6zmVI6zqAdV+/IVOvQ2ktu86r9fGnBQNACgEDQAoBA0AKAQNACgEDQAoBA0AKAQNAitF1MK3rRKbeD771eDGt98+QVR9vY6zWx+/U60xa19G0nv9YrY9/LRgAUggYAFIIGABSCBgAUggYAFIIGABSCBgAUoyug2ndTz67n/fU1y+7H3+27PFkVr3OoHUdxVhTH69k6nVqrY/fsfPXggEghYABIIWAASCFgAEghYABIIWAASCFgAEgxWAdTOvxEFr3g8+26uOhjJ1+9vdb14lkH3+tj9+pa719pj7/7DodLRgAUggYAFIIGABSCBgAUggYAFIIGABSCBgAUoweD6Z1P+8hretwhrSuc1HnNG3rvn5jtT5/hrQ+v1rXgWnBAJBCwACQQsAAkELAAJBCwACQQsAAkELAAJCi1IGO0q3H21j1Oons8RbW3dTrfFrPf+p1Rq2P39bjoQxZ9ekP0YIBIIWAASCFgAEghYABIIWAASCFgAEghYABIEV6HUzrfvhjrXs//iGtp5+t9fZpvX2nfv60ruMYMvX903r7a8EAkELAAJBCwACQQsAAkELAAJBCwACQQsAAkGJj7ASy+9GPNbaf+dTXb6yx/eRXfftmL3/29h0y9TqXsdNvXSfSWus6lyFaMACkEDAApBAwAKQQMACkEDAApBAwAKQQMACkGF0H07of+dT7ybcez2LV6yhWvU5mSOvtOyR7/VqPp9N6PJfs60Pr648WDAApBAwAKQQMACkEDAApBAwAKQQMACkEDAApSh3ZEbp1P/Kx0x+y6uvXuo5krNbbb6zsOg7ayq7jGTL16WvBAJBCwACQQsAAkELAAJBCwACQYvSvKcNqKDVK9Jf/7aK/4q9ubKqllHLhP8DFBAzrrZRFRJSotYsas8vfnnU3pxG/6PtFiVK6rrgrAAdG18FkW/d/GLau82hdR5K4f2uUUqPW5QV/vvOd2Dn9VGxsnYuIm3PM11pi7+zJOPf83bHYOx4Ry0Cr9Yogu/Yk2o6H0vr0Vyc0Tus6lyFaMKyh0kfULmotcfquz5bbf2I/bnn9m2O+8/Yor/ja/8r0+xG7Lz4d333ic/WZL9weZ7/7FyJKPciwo33148jTgmmsdQtj/VowB+Ey23yhvOm9X4gfuvevRpSIfi9KrbXElc9hDtV65fp03fWXr4/oonQlZvOI/d3dePIzn6xf/8yDB8tRYiBktGC0YMaYegtGwDTWOgDWK2AOLurzne+WH//FZ+PUHffGS+cWpUR0G7Nuf39RYm//2jfIuhJl/nKjvkZE7O4Nfn426+pib28R3WwW850ST3/hk/XRj/3lKNEf3KK75koKGAEzhoAZad0PoNYBsEYBU6OUPqL05W3v/9O49Ufui90ze2VjY97vLyLOnI+t15yMO153OuYbV94mK1HizPmX4hvfei7iYJlmXYkfef3rrtmKOXt+N5781nMRL56L7pbjEVFrXSz2YuvEZjzx6U/Ux//3zww9kxEwAmaMqQeMZzCsh9L1UftZufMdD8dr7nkwXnpxr2zM5/35l+LUyWPx4V/9W/GB970r7vrhW2NjdmlHr77vY9bN4g8/++X4hX/y72Lj+Hbs7+7FLSdPxqd+88Nx68ljyxPt4nOxRpzf24uvPvGt+I3//lD8x9/9oyizWSmzjXl96cx+3HX/z8RzX/t8fO+pd9zog39YFwKG9VD7WWxsPRd33PeO2D/Xd7ONjf6l3bjjttPx+x/5YNz3Y3dd86ullOhKidlVWiqzWXfQgrnyveOzrXjnm98Q/+Gf/Ur87P33xi//8/8UtdYSpZQaUcud7yr1e78XUT3s52jSZ5/1cesbvxTbp07HotaIKKXW+K1//Y/ivh+7K3b39qOvdfkgPy599bUu/3yVuwGH7134zMWvGtH3NXb39uMD77s//uWv/s1YfP9sdBuzWSz2Ik69/u2xc+ufR9Ru+XwIjpbBFkz2Pc6x9/haj+eRLXv9su9x/yDvsZdTd9SIqLMu6v6Zc/FzD/xkvO/+e2N/0cfm/NqH+vW6el383hWfWZbwx7zMou9rfPDv/lz8+n/9WHzr29+Lza35Yq/MN+KW1z8V5557U5Ry+MD/Va/fFI3dv62fQY019etP6+NLC4b1sXXLyah9KV1XYn8RP/9Tb73uBaCvNRZ9f+HV91d+9uL3F31/1ektT+IaJ45tx1962z0R53cvdAwoO6e0XDiyPINhfXQbmxERUWqJKHHbqRMXLv6X62uNbvkrYhd+LubEsa1LPlNKidMnjl3xczK11iv+ZdjXZXnl606fiKg1ymF7p5v7RxxHloBhfbzCuwG1RnSlxJPPPh9feeypWMTyYf7nvvJERNcd9Bgrsbu/H//jkT+Jk8e2otYa866L+992T5zc2YqDj1w6+9K+2y9MiYDhSFn0NWZdiT/8zJfj7/zTX4/nXzjzclJ0JcrmPPq+Rum6+P6Zl+KXPvjvL/ryIu59y93x0Y98KO76oVuv2pLZX7gjBoc03zlili2MX/udj8bz334+tm45HrNjW8vX1uYlnywlXn7v2FZsnT4ZX/78n8XvfPTTUcoyrIBr04LhSDl8NnJ+dz/K5jwWi6s/3D908Xt96aPbmse587s3MEchxNElYFhbtdbo+4NXWV7oDwPj1T4v6Q8evlxtun2pV6ulkTAcWekB0/qhZ+vfYpr6bwW1rjO4mev37n/4b+Kzjz4dXddF1IitzXl0XYnN7uVfaTnsPvyqBxqrEZsbsyume/jn+UZ3Q5HSev+tutZ1HkNa75+x5+/Y5deCYe0sFjXK8a34t7/9B/Hbf/Dp5UP7g/OkxrIH2ee+8kSUrc1li+SVTrevUY5vx3/+n5+MT/zxo5dOty7D64uPfSPK8a3lUMw3e+wZWDEChrVTa42Yb8SXvvr1+NL/fXzZffkwRw7/vL0ZZaO7oX9BHk73sa89E489+uTVp7s1jzLfuPLHMeEIEjCsp1pjvrMdsxNXv8rv7S1uqPVy8XRnW/Mo25tXvRW2/L2zqxTJwBEkYFhPpcTei2djb2//6u8f214OLvZqHvTv9xEDI10CAoY11HUlFmd34/1/7V3xF99ydyz6g5+FiYgay+LI3/r9T8XjT3wzZpvzG2vJ1Brdqc3oX9h9ha2U9X7IDtcjYFg7XVcizu/GL//CT8Xf+/l3X/Uzn/riY/H4nz0ZZWvzlbdiuhL17CI2f+I1ERslzn30ySjH5tf/vnzhCBMwrKdS4oUz52J/0cf+or8wimXf1+i6Env7i1f9nKTu9XHswTujnt2P8//rm1F2Xt2tNlh3owNmQmOyX9Wq1wFk16G0Hk9jyA2NB3PfL0Xcckf0/fL3wGZddyFYLgRMWQZM39eYdV2UUi6ax1ULJS+awcGrr1HPL2LngdujdCXOPfxMlJ3Zq2qttK6TaL1/xzrq15/s8XjG0oLhSFmeUCXuuO10LF44E4vtzYhFHxHLnl/l8gLMy39GZq+P7uR8Oa1zi9h+z+1RI+L8tUKm9tVolhxVAoYjpXQlao34V//4b8QT33g2vvz4M1EPWjd7+4t48exLl9SvlO2Nl/+/rzF/5+ti862no+4uls9kzi9i5z23R0TE+UeeibK9DJlaYzmjzWObB0MmL37AqwrNCRiOlMPeZG+687Z45Dc/HN95/sXYr31sdF184vOPxt/+0EditrMd/f4iyvZGnPjAPctnLP2ycLI7Po+6WCbIYfBcuF0WEecOQmZR66zrd/v+trf8dJz5zsfjG3/8YJRuP2rvnOPIcLCzPi7rb3y97seHY7m89vSJC3/32luOX3qLq0SUYxsvB0wsH/BfUaFfLrtd9sgzUbY3oq+1i7rXlx994MGI+HgVMhwxxoNhffS755dX+1Ijajz+zHev+dHDh6O11thfLKLWuuxZdsU0a8Ti4NVf5+dfSly4Xbb9ntujnts/6KVWSuye248ffeDBcuc7Px6134jSXaP6E9aLgGF9nH3++1G62vd9ja15/N7D/+fCW9dqzBz2Iru0N9nlH4pX9rtiJaKe31+GzAMXQqZE182uETKr3cURBggY1kZ9/onjUfvS91E2drbji3/y5/GR3/2j2Jh1sb9YxP7B4GLXfF0theoNvqJEPbd/aUsmYhkye1eEzCKEDGss/V5w9ngjq96Pf0j2+q1PHUap8b2n3h5nnv1aHHvt3f1ibzE7vj370K/9lzi5sxV//xf/yjW/2R2M5bKzOb9yqvMSZd5d2V35mrlQotYadb+PYz97R5R5F+cefjrKRleiXNSSuUnPZFqPJzJW9nhCQ9b9+tP6/PawkfVQoo+62KpPfPrp8uPvf2Nd7PbRzWZ99PEP/sVvxH/72GfjV/76T8e9b/zh2JpfGiSLg15kX/36Ny+t7q8Ri2+/FGVr/9KAObxlNnBu9jVi8y2nYvHt87H7p89FmXeX3i7z4J81V+pAhGW3QKZeST7W1CuNh0z9X7CXTWwRtc7KPe95KN7wrvfG7pm9UrqN0pWy+P65iKgRO1tXFlO+qnnF9QPmovfLvFv2PntZjb5fxObORn3s4et2YW69/VvPP9u6X3+GpO9fAZNLwFzfTV6/GqX0UWtX3vTgI3HnTz4Q+7sRi7392WyjRIlu0V9aw3LhixeGcLnJ2/tw+12xnn2NWhYx357HYw8ftGSWAXnp1wVMpnW//gwRMCu+gwXM9SWsX40oNaJ25fa3PRR3v/utsXXLbVH7iH75TP2wcfHyL5C9ojteN1+NiKg1NrZL/L+HP16f/NyDhwF54SMCJtW6X3+GCJgV38EC5vqS1u9CyMR859ly25u/FKfvPhU7t74+ZhsnljOtjTbs5bOtETX6mO8ci8ceeqg+/YX3Xvyh1tu/9fyzrfv1Z4iAWfEdLGCuL3X9Lr/lNJu/GLP52Zv7u2CvYPkv/ciVG7TWg0KcbjfOv/CGEDA/MOt+/RmiFxm8WrXOIko9CJouFnsnYrF3YviLwM0wugUzda3HUxky9fEoWrdgx7ps/odP9y/MdLG4fmNmNptd9/0hNzj9m37rrvV4SFO/g7Hq50fr7Ts0fS0YjpJyodz+QNcNnWDjLkDZ04cp81MxAKQQMACkEDAApBAwAKQQMACkEDAApBisgxmcQOPxGFr38x6SXQfSuk6g9f4Zsu7bN3v6rSv5V/34Gav19WPs9LVgAEghYABIIWAASCFgAEghYABIIWAASCFgAEgx+uf6V70f/9D3W4+H03r+Y7WuQxqiDuP6suskpr59W9cJjdV6+bVgAEghYABIIWAASCFgAEghYABIIWAASCFgAEgxug5m6nUareswWtcBTX36Q1rPv/X0W9cxDGm9fFMfD6X19LO/P7T8WjAApBAwAKQQMACkEDAApBAwAKQQMACkEDAApBisg5l6ncuQVa9TyN7+R308lNZ1QFOvI5l6ncWqa73/s+evBQNACgEDQAoBA0AKAQNACgEDQAoBA0AKAQNAilKTO1pn11m0/v7UTb2OYNXrJFrXMQxpff4Mab3/p35+t67TGksLBoAUAgaAFAIGgBQCBoAUAgaAFAIGgBQCBoAUzceDye5nn/39qfdDbz1eS+s6iqmPp7Lq6z/Wuq9/6/m3pgUDQAoBA0AKAQNACgEDQAoBA0AKAQNACgEDQIrBOpgh2XUiUx/PYkjrfvBT3z6t5z9k7PJNfbySVd/+2VZ9vKjWdXxaMACkEDAApBAwAKQQMACkEDAApBAwAKQQMACkKLVxR/epj6cyVuv1y64jGtJ6/6x6HdWQ1ss39e3bevlanz+tx4PSggEghYABIIWAASCFgAEghYABIIWAASCFgAEgxejxYFr3s27dz3zdjd3+res0Wo/nMfXzo3WdTPb0W9e5HPXxsrRgAEghYABIIWAASCFgAEghYABIIWAASCFgAEgxug5mSOvxHFprXUey6tt/6v38h0x9+bLrVLJNfftmm/rya8EAkELAAJBCwACQQsAAkELAAJBCwACQQsAAkKLUkR2pW/czzx4PpnWdwNT7uY/Vejyf1nU2Uz9+p759h7Suk2l9/cg2tH20YABIIWAASCFgAEghYABIIWAASCFgAEghYABIkT4eTHY/9tbjeYw1djyYIa3rDKaudZ3Luh+/q75+Y6369h97fdCCASCFgAEghYABIIWAASCFgAEghYABIIWAASDFYB1M9ngGU+8nPvV+/q3rZLK3z9TH61n1+beuIxm7/K2P/1WXff5qwQCQQsAAkELAAJBCwACQQsAAkELAAJBCwACQYrAOpnU/+bFaL//U+9FPffmGTL2OqXWdx9jpjx2PqfV4Ja3ryMZa9To+LRgAUggYAFIIGABSCBgAUggYAFIIGABSCBgAUjQfD6a11v3wx2o9nkV2P/zW27f1/Mea+vExZNWvP6t+/Ixdfi0YAFIIGABSCBgAUggYAFIIGABSCBgAUggYAFIM1sEMWfV+3ENar9/U6wBaj3cy9TqOIVMfL2Ws1udf6/On9fWjdZ2ZFgwAKQQMACkEDAApBAwAKQQMACkEDAApBAwAKUbXwQxZ9TqFIdn9/Kc+3srU9+/Q8k29TqJ1HcvUta4jan38TJ0WDAApBAwAKQQMACkEDAApBAwAKQQMACkEDAAp0utgVl3rOoSpj5fS2rrXAY019eNzrOz907pOqXWd2dj104IBIIWAASCFgAEghYABIIWAASCFgAEghYABIIU6mJGy+8Gvez//1lovf+s6kiFTrzOaep3P1M/P7O2rBQNACgEDQAoBA0AKAQNACgEDQAoBA0AKAQNAivQ6mNZ1BmNNfTyQscvXus5gSOvtm13HMNbU91+21vsn+/hc9fGKtGAASCFgAEghYABIIWAASCFgAEghYABIIWAASFHqQEfq1v2os7WuE1j3OoZ1r1MYq3Udw6pv36nXGWWf31Mfb0YLBoAUAgaAFAIGgBQCBoAUAgaAFAIGgBQCBoAUg3UwAPBqaMEAkELAAJBCwACQQsAAkELAAJBCwACQQsAAkOL/Aw3PB5Mgau2iAAAAAElFTkSuQmCC',
        result: 'SUCCESS',
        total_fee: 100,
        appid: 'mch35005',
        PaymentID: '90020230219183454924882',
        PaymentCode:
          '00020101021230750016A0000006770101120115010556019950701022020230219183454924882030890035005530376454041.005802TH63046B6A',
        code_url:
          '00020101021230750016A0000006770101120115010556019950701022020230219183454924882030890035005530376454041.005802TH63046B6A',
        stalls_name: '90035005',
        device_id: '',
      },
      sign: '6001c6087bb1e6fc926219d629758d2814a78ae1def4c2611280dcb50c6af8b7078b32b00275b8a4c645d3705794bf766e78bc0366886e1e115620d75227d436',
    },
    {
      id: 'V9 native_pay (S3 readme)',
      data: {
        PaymentCode:
          '00020101021230750016A0000006770101120115010556019950701022020230816172108374256030870029217530376454040.015802TH63046DC3',
        PaymentID: '70020230816172108374256',
        appid: 'mch29217',
        code_url:
          '00020101021230750016A0000006770101120115010556019950701022020230816172108374256030870029217530376454040.015802TH63046DC3',
        device_id: '',
        fee_type: 'THB',
        imgdat:
          'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAZgAAAGYCAYAAAB/O/RVAAAYaklEQVR4nO3da6xlZ3kf8Odd++xz5sx4PGOCE9s4XAIFA4FCTVLa4sSBJlWlpGrTUFXJl7ZSU0XpF6hUoUrpl1YVVflUokRV0ipKhCI1UVUllYKQQgBTChUQGijhElxjDDZXG2N7xufsvd5+2OfMxXNZM7P8+F17n99POmLw2Xuv617/8+71PvsptdYaAPAs61qvAACbScAAkELAAJBCwACQQsAAkELAAJBCwACQYmvoAaWU52I9mskuAxraf0PLH/v8bK23L/v5Q1qv39jjf9S3f0jr82vqhrbfCAaAFAIGgBQCBoAUAgaAFAIGgBQCBoAUAgaAFIN1MENa12EMaT0Pfez+aT3PPrvOYur7p/X+n7rW2996+WNt+vXTCAaAFAIGgBQCBoAUAgaAFAIGgBQCBoAUAgaAFKPrYIZMvU4jW+vtb92PY+j5U98/2csf+/zW6z/1OpR1X//Wx3csIxgAUggYAFIIGABSCBgAUggYAFIIGABSCBgAUqTXwdBW6zqM1v1kpt6PpnWdxtTryOyf9WYEA0AKAQNACgEDQAoBA0AKAQNACgEDQAoBA0AKdTADWtdRDNn0OpTsOoip9wPJPn5jt7/1+TWWOpdcRjAApBAwAKQQMACkEDAApBAwAKQQMACkEDAApEivg1n3eeZT7xfSug6hdR3DWNnrN/U6m9Za7/+jfn5mM4IBIIWAASCFgAEghYABIIWAASCFgAEghYABIMXoOphNn+ffuk7E83OfP6R1HUXrfkSt99+mH/9Nv34awQCQQsAAkELAAJBCwACQQsAAkELAAJBCwACQYrAOZt37EWTLnse+7v1YsusUsq37/suuk5n681tb9/UfywgGgBQCBoAUAgaAFAIGgBQCBoAUAgaAFAIGgBSj+8EMGVvnMPV+C1Nfv6nXmQxp3W+ltan3I2ldp9O6Dmjd9182IxgAUggYAFIIGABSCBgAUggYAFIIGABSCBgAUpTaeCL12Hne2c8fMvV56EOmvv3rfn6M1fr8al3HMqT1/mlt6vvPCAaAFAIGgBQCBoAUAgaAFAIGgBQCBoAUAgaAFIP9YKY+z3rqdRCtlz/W1Pt1tK6TGav18Z36+Tn1OpvWrz/165cRDAApBAwAKQQMACkEDAApBAwAKQQMACkEDAApBvvBtJ6Hve51COver2LT5/m3Xr+p1+kMab1+U6+zav36rZdvBANACgEDQAoBA0AKAQNACgEDQAoBA0AKAQNAisF+MGO17ucwpHW/i7Fa1xm1rgMZkr19rZ8/9fNzyNjzo3Ud0FhTP//HMoIBIIWAASCFgAEghYABIIWAASCFgAEghYABIMXofjDZWs/jHmvd+z2sex1L634xY617v5Eh+q1Mu05wyND6G8EAkELAAJBCwACQQsAAkELAAJBCwACQQsAAkGJ0P5ipz6Mfa+rbt+79MrLrcKa+/UOmXkeUXSfUuo6pdT+f7PM7e/uNYABIIWAASCFgAEghYABIIWAASCFgAEghYABIMVgH07pfwlit+3kMWfd+Ea3rHFr3+xiy7v1ysvff1Otoxpr68rPrdIxgAEghYABIIWAASCFgAEghYABIIWAASCFgAEgxuh9M634NQ1r3sxhr3euEWtehtD5+Y7Xef1M39Tqx1nVKrc8fIxgAUggYAFIIGABSCBgAUggYAFIIGABSCBgAUpQ6MFF63fuVtK5zaT0PfcjU61xa9ytp3U+jdR1P9vZla338hqz76w8xggEghYABIIWAASCFgAEghYABIIWAASCFgAEgxeh+MENa94tZ9zqPIa3rKKa+f4e07jeUrfX7Z6zW/VBa90tq/f4au/+NYABIIWAASCFgAEghYABIIWAASCFgAEghYABIMboOZur9Lta9DqB1HcWQ1sd3SOvzM7uOo/X+bX1+tq4Taa11ncsQIxgAUggYAFIIGABSCBgAUggYAFIIGABSCBgAUpQ6MNF56v0uhrSeJ9+6zmeso15nMda677/sOqLWzx9r0/u5jGUEA0AKAQNACgEDQAoBA0AKAQNACgEDQAoBA0CKwX4wred5T30e+djlZ8/Tn/r6t66DyK4DmHodQ3a/m2ytlz/Wup8fQ69vBANACgEDQAoBA0AKAQNACgEDQIrBWWSwGUqNEv0z/+uyv+Q/Xd+rllLKuf8BLiRg2GylLCOiRK1d1Jg989ez7tkZxC/7flmilK4rPhWAA4P9YAZfYOLz9Nfduu+/hv1qapRSo9bVBX++++3YPf212No5ExHPzkrVWmL/qZNx5rEXxnL/xMEKLaPWS4Lsyi+x2XVAY7U+f6eudZ3LECMYNlDpI2oXtZY4fecnym0/vIibb395zHdfE+War/3Xpl9E7D3xcHznwU/WRz59Wzz1nb8UUepBhrk6cqQZwUzcuu+/534EcxAus+3Hy0t/7NPx/Xf9jYgS0e9HqbWWuPQ+zPl1vXR9u+7q+6+P6KJ0JWbziMXeXjz08Y/Ur3z83oP1KDEQMkYwV9f6/J26qY9gBMzErfv+e24D5uCiPt/9TnnVT38zTt1xVzx9ZllKRLc16xaLZYn9xZU/IOtKlPn5QX2NiNjbH3z8bNbV5f7+MrrZLOa7JR7+9EfqF9//16JEf/AR3ZU/xxMwV9X6/J06AbPmF8jW1n3/PYcBU6OUPqL05dU/8+dxy4tfG3tP7petrXm/WEY8eTZ2nncy7nj+6ZhvXfoxWYkST559Or76jUcjDl5z1pV48e3Pv+Io5qmze/HQNx6NeOJMdDefiIha63K5Hzs3bceDH/tgfeB//fjQPRkBc3Wtz9+pm3rAuAfDZihdH7WflRe87r543kvujaef2C9b83l/9uk4dfJ4vOOX/l689S1viDt/4JbYml080avv+5h1s/jjT3wufuqf/YfYOnEsFnv7cfPJk/HR33xH3HLy+OqNduF7sUac3d+PLzz4jfiN//6h+PXf+5Mos1kps615ffrJRdx594/Ho1/+VHz3a6+73hv/sCkEDJuh9rPY2nk07njt62Jxpu9mW1v903txx62n44/e/bZ47cvuvOJTSynRlRKzy4xUZrPuYARz6e9OzHbi9S//wfi1f/kL8RN33xU//6/+U9RaS5RSakQtL3hDqd/9g4jqZj9Hkzn7bI5bXvTZOHbqdCxrjYhSao3f/rf/NF77sjtjb38Rfa2rG/lx8U9f6+rfl/k04PB35x5z4U+N6Psae/uLeOtb7o5//Ut/N5bfeyq6rdkslvsRp25/Teze8qWI2q3uD8HRMjiCmfpnwA3rLK5p+a37bUz9M/Yh17P95dQdNSLqrIu6ePJMvPmevxxvufuuWCz72J5f+VS/2lSvC393yWNWJfwxL7Po+xpv+wdvjl/9r++Pb3zru7G9M1/ul/lW3Hz71+LMoy+NUg5v+N/w9k1R63s8rfsttb7+ZD9/LCMYNsfOzSej9qV0XYnFMn7yR1951QtAX2ss+/7cT99f+tgLf7/s+8u+3upNXOOm48fir776JRFn985NDCi7p4xcOLLcg2FzdFvbERFRaokoceupm85d/J+przW61beInfu6mJuO71z0mFJKnL7p+CVfJ1NrveQvw76uyiuff/qmiFqjHI53urk/4jiyBAyb4xo/Dag1oislHvrmY/H5+78Wy1jdzP/k5x+M6LqDGWMl9haL+MMP/1mcPL4TtdaYd13c/eqXxMndnTh4yMWLL+v/kSQ8mwQMR8qyrzHrSvzxxz8XP/cvfjUee/zJ80nRlSjb8+j7GqXr4ntPPh0/+7b/eMGTl3HXK14Y73v32+PO77/lsiOZxdInYnDI8J0jZjXCeNd73hePfeux2Ln5RMyO76x+drYvemQpcf53x3di5/TJ+Nyn/iLe876PRSmrsAKuzAiGI+Xw3sjZvUWU7Xksl5e/uX/owt/1pY9uZx5nzu5dxxKFEEeXgGFj1Vqj7w9+yupCfxgYN3q/pD+4+XK51+1LvVwtjYThyBoMmNZ1LmO1/q601t8lNvX1Szs/asTO9jy6rsR2d/5bWg6nD99wo7Easb01u+R1D/893+quK1Kmfv5NXes6jyGtj8/Y6/fY9TeCYeMslzXKiZ145++8N37nvR9b3bQ/eJ/UWM0g++TnH4yys70akVzr6/Y1yolj8V/+x0fig3/6xYtft67C6zP3fzXKiZ1VK+Znu/cMrBkBw8aptUbMt+KzX/hKfPb/PrCavnyYI4f/PrYdZau7rr8gD1/3/i8/Evd/8aHLv+7OPMp869Ivx4QjSMCwmWqN+e6xmN10+av8/v7yukYvF77ubGce5dj2ZT8KW33f2WWKZOAIEjBsplJi/4mnYn9/cfnfHz+2ai52Izf6F33EQKdLQMCwgbquxPLsXvzM33xD/JVXvDCW/cHXwkREjVVx5G//0UfjgQe/HrPt+fWNZGqN7tR29I/vXeMoZbNvssPVCBg2zmHA/PxP/Wj8w5/8kcs+5qOfuT8e+IuHouxsX/sopitRn1rG9g8/L2KrxJn3PRTl+Pzqz5cvHGEChs1USjz+5JlYLPtYLPtzXSz7vkbXldhfLG/4Pknd7+P4vS+I+tQizv7Pr0fZvbGP2mDTjQ6Y1nUUQ1rXAYydRz719W/twv3zI//k38UnvvhwdAc1LrOuOxcs5wKmrAKm72vMui5KKRds42ULJc87bA7T16hnl7F7z21RuhJn7nskyu7shkYrreskpn58hxz168/Ury9GMBwpqzdUiTtuPR3Lx5+M5bHtiGUfEauZX+WZBZjP/BqZ/T66k/PVa51ZxrE33RY1Is5eKWRqX3Wz5KgSMBwppStRa8S/+cW/Ew9+9ZvxuQceiXowutlfLOOJp56+qH6lHNs6///7GvPXPz+2X3k66t5ydU/m7DJ233RbRESc/fAjUY6tQqbWWC1o+/j2Qcvk5XO8qdCcgOFIOZxN9tIX3Bof/s13xLcfeyIWtY+trosPfuqL8fff/u6Y7R6LfrGMcmwrbnrrS1b3WPpV4WR3Yh51uUqQw+A593FZRJw5CJllrbOu3+v7W1/xxnjy2x+Ir/7pvVG6RdTee44jw8nOxuiiXPQB1dWmHx/2cvm+0zed+2/fd/OJiz/iKhHl+Nb5gInVDf5LKvTLMz4u+/AjUY5tRV9rF3W/Lz90z70R8YEqZDhi9INhY5w6uXt29YX8XY2o8cAj37niYw9vjtZaY7FcRq11NbPsmfoasTz46a/y9S8lzn1cduxNt0U9sziYpVZK7J1ZxA/dc295wes/ELXfitJdofoTNouAYWO86sV3fK90s1prrbEzjz+47/+c+92VBjOHs8gunk32zAfFtX2vWImoZxerkLnnXMiU6LrZFULG3GY2moBhY/ytN77qRO2XZbmsZWv3WHzmz74U7/69P4mtWReL5TIWB83FrvhzuRSq1/kTJeqZxcUjmYhVyOxfEjLLEDJssNGfBWf3Axnbr2DqWtdBDJn6PP7zj4v65rvves3Lbj/15S89/NgLZ3W5nJ04Nnv7u343Tu7uxD/66b9+xed2B71cdrfnl67fvESZd5dOV75iLpSotUZd9HH8J+6IMu/izH0PR9nqSpQLRjLP0j2Z1v1ExsrudzRk068/ra8vbjayEfra9zvbWzvv/OWfffjnfuW3XlRK39fazfro4x//ym/E77//E/ELf/uNcdeLfiB25hcHyfJgFtkXvvL1i6v7a8TyW09H2VlcHDCHH5kNvDf7GrH9ilOx/NbZ2PvzR6PMu4s/LnPjnw1X6sgIa/0XxKZrPYLJ9mz+hbXs++Ws62b//F2/+6Ff+8P//WPzure/WCy3SlfK8ntnIqJG7O5cWkx5I4YC5oLfl3m3mn12Xo2+X8b27la9/76rTmFuPYJovfxsR/36k358Bcy0CZjraghW+1r7rpTuF9/5ng//5/d+/J5Y7EUs9xez2VaJEt2yv7iG5fxzDwcvz/L5drj+l2xnX6OWZcyPzeP++w5GMmUZtc4ufrqAyXTUrz8CZsMP8BABc33bX1dzyGrXle7X/9sHP/TL//63Xhk7N98atY/oV/fUDwcX57+B7Jo+8Xr21dUax9axEv/vvg/Uhz55b5TSR63nhlitL/Ctl5/tqF9/BMyGH+AhAub6t//CkCnbx79Zbn35Z+P0C0/F7i23x2zrptVCa6MT65mLrRE1+pjvHo/7P/Sh+vCnf+zCB7W+wLdefrajfv0RMBt+gIcImBvf/mXfL7dms/MfOc3mT8Rs/tSz+71g13B+XvyQSzeo1oNCnG4vzj7+gyFgnjNH/fojYDb8AA8RMGO/jr2rB/c2utWXTq6X1hf41svPdtSvP80DZuwJ2PoAZa9fdj+Ksevf+vljPZvrvzrXS1zPH1UXDoBuxHJ57YOlUkop5eLxTuvzc0jrPzCznz+k9fq1fv8Ovb659xwZ5eDdVK7rXTXuAtR1m/0XMFzN2n1kAMB6EDAApBAwAKQQMACkEDAApBAwAKRoPk153ed5j12/sfPwW9epDNn0fhtDWhcyDmm9fq2XP1br9+/U+wEZwQCQQsAAkELAAJBCwACQQsAAkELAAJBCwACQYrAOpnWdRes6mbHb17rfQ+vj17oOaUjrOquxNr1OpfX+bb39Y7VefyMYAFIIGABSCBgAUggYAFIIGABSCBgAUggYAFIM1sG0noc+VnYdxtSXP/b1173OKVvr49Na6+OTXeeW/f5vfX3Jvj4ZwQCQQsAAkELAAJBCwACQQsAAkELAAJBCwACQotSBicyt6yCGtJ6Hn611HdJRPz6t9/+QTe/HMvXty64ja739Y5dvBANACgEDQAoBA0AKAQNACgEDQAoBA0AKAQNAivQ6mNbzxFvPQ29dRzT1OpTWx2essfu3db+Qqa/fkNZ1Itmmfn0bYgQDQAoBA0AKAQNACgEDQAoBA0AKAQNACgEDQIrRdTCt6xCybfr2t67TGat1nUZ2HUnrOoepn/9Hff1a1xEOPd8IBoAUAgaAFAIGgBQCBoAUAgaAFAIGgBQCBoAUW61XoHWdwFhTn4c/1tTn6Wcbu/yp18lM/fxt/f5ed62PnxEMACkEDAApBAwAKQQMACkEDAApBAwAKQQMACkG+8Gkr8DE+22sex1I6zqL1vPwN/38GLLu/XjGmvr53/r8yj4+RjAApBAwAKQQMACkEDAApBAwAKQQMACkEDAApBjdD6b1PPEh+kmMM/b4tJ6HP/U6jCHrvv83vQ6l9fVl6nVeRjAApBAwAKQQMACkEDAApBAwAKQQMACkEDAApBhdBzOk9TzsscauX+s6hnXvJzH1ef5D1r2OorV1P3+zTX39jWAASCFgAEghYABIIWAASCFgAEghYABIIWAASFHqyInUreeZt+4XkW3q89zHyj5+Y5ffus5m3c+/1teHIZt+/LIN7R8jGABSCBgAUggYAFIIGABSCBgAUggYAFIIGABSpPeDya5zWPd5+mP7wQzJrvNpXccwVnadS+t+Ptla15FMff+0vn60ruMxggEghYABIIWAASCFgAEghYABIIWAASCFgAEgxWAdTHY/g9bzxMc+f+rz8LNl75+p9+uZ+vKnfn5mvz+HTP38ypZ9/hjBAJBCwACQQsAAkELAAJBCwACQQsAAkELAAJBisA5m6vPoh7TuhzD1fg1Dpt5PJrsfy1jrfv6M7Vcz9fVvff4Oad2PaCwjGABSCBgAUggYAFIIGABSCBgAUggYAFIIGABSNO8H01rrefjZrz/15w9pXYfVuo5gyNTXb+p1XtmmfnyGjF1/IxgAUggYAFIIGABSCBgAUggYAFIIGABSCBgAUgzWwQxZ93ncQzZ9+6a+/NbbN/V+H9nWvQ5q08+fscvPPv+MYABIIWAASCFgAEghYABIIWAASCFgAEghYABIMboOZkj2PPTW88xbz/Mf+/qt6xyGZNdBTL1OYur7t7XW/Zhanz9TZwQDQAoBA0AKAQNACgEDQAoBA0AKAQNACgEDQIr0Oph113qe/VjrPk+/dZ3Ruu+/1v1ssl+/dT+adb8+ZG+fEQwAKQQMACkEDAApBAwAKQQMACkEDAApBAwAKdTBjJQ9D37q/Tpa95tpXacw1tTrNKb+/Gxjl7/px3eIEQwAKQQMACkEDAApBAwAKQQMACkEDAApBAwAKdLrYFrXGYx11PtNTH0e/tTrLFr3Y1n399+QTe8XNPXze4gRDAApBAwAKQQMACkEDAApBAwAKQQMACkEDAApSh2YSN16HnW21nUC617HMPU6oKmfv63Xf+p1IEOmXmfUuo5tSPb6G8EAkELAAJBCwACQQsAAkELAAJBCwACQQsAAkGKwDgYAboQRDAApBAwAKQQMACkEDAApBAwAKQQMACkEDAAp/j+5Mz/RgdiTEQAAAABJRU5ErkJggg==',
        ksher_order_no: '70020230816172108374256',
        mch_order_no: '20230816162700',
        nonce_str: '90878866ae158dbec56351fd463c2717',
        result: 'SUCCESS',
        stalls_name: '70029217',
        total_fee: 1,
        trade_type: 'NATIVE',
      },
      sign: '26b630dc9308695dfe82c5f5febc1f2456a887b1dea79a0bf8de5f432efdb7bd1f84a11f239ba978bf18d24c2d7288738b170560b732ba0dfd136b58adaf91a3',
    },
    {
      id: 'V12 order_query_payout (S4 python docstring, copy of S1)',
      data: {
        appid: 'mch29989',
        attach: 'test BANK',
        cash_fee: 100,
        cash_fee_type: 'THB',
        channel: 'payout',
        channel_order_no: '2022011216521223001652907',
        device_id: '',
        fee_type: 'THB',
        ksher_order_no: '80020220112175206651966',
        mch_order_no: '20210110121104',
        mdr: 260,
        nonce_str: '7cfd8667342f855a22ebdeafef394cb1',
        openid: '',
        operation: 'ORDER-QUERY',
        operator_id: 15030,
        rate: '1.000000',
        raw_total_fee: 100,
        result: 'SUCCESS',
        time_end: '2022-01-12 16:52:06',
        total_fee: 100,
      },
      sign: '6c9ce516a981275cb4f2934fafeeaf6e66ba678acc6df39328ee880035234cfa7b25a82c0c28e1b0ca016cbead243c1ca22d360d43687e3d0f5597b32f8a377f',
    },
    {
      id: 'V12 payout (S4 python docstring, copy of S1)',
      data: {
        appid: 'mch29989',
        channel_order_no: '2022011216521223001652907',
        ksher_order_no: '80020220112175206651966',
        mch_order_no: '20210110121104',
        mdr: 260,
        nonce_str: '7cfd8667342f855a22ebdeafef394cb1',
        receiver_name: 'MISS TEST_P0170109 P0170109',
        result: 'SUCCESS',
        total_fee: 100,
        trade_type: 'PAYOUT',
      },
      sign: '24983cb648731139e166fca476015adc6ec5c2550ee5f873ddaafc90a68cc5d5628f6808f01939b00b615ac9b5121527e13abd003b0d8bfb6310517fb28bd4ef',
    },
    {
      id: 'V12 get_payout_balance (S4 python docstring, copy of S1)',
      data: {
        appid: 'mch29989',
        balance: 15880,
        nonce_str: '7cfd8667342f855a22ebdeafef394cb1',
        result: 'SUCCESS',
      },
      sign: '7472ba0f983329fb6f3aee10624f6a19ede9ed28ed20289d8b0ad49cd95d1777dbdfafba18220883a6de823cd759db491fd49993d208db6429e666c50e4be054',
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

  it('rejects V8 without its imgdat and V12 with a changed balance', () => {
    const v8 = PUBLISHED.find((sample) =>
      sample.id.startsWith('V8 '),
    ) as (typeof PUBLISHED)[number];
    const { imgdat: _imgdat, ...withoutImage } = v8.data;
    expect(verifyKsherPay(withoutImage, v8.sign, KSHERPAY_PUBLIC_KEY_V1)).toBe(false);
    const balance = PUBLISHED.find((sample) =>
      sample.id.startsWith('V12 get_payout_balance'),
    ) as (typeof PUBLISHED)[number];
    expect(
      verifyKsherPay({ ...balance.data, balance: 15881 }, balance.sign, KSHERPAY_PUBLIC_KEY_V1),
    ).toBe(false);
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
