/**
 * The secret scan itself, and the scan of the built browser code. The integration suites scan
 * their own traffic: startSandboxAndShop records every shop response and log line and its close()
 * fails on any configured secret (checkout-servers.ts).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createGatewaySandbox,
  KESSPAY_SANDBOX_CREDENTIALS,
  KSHER_SANDBOX_TOKEN,
  KTPAY_SANDBOX_CREDENTIALS,
} from '@localpay/gateway-sandbox';
import { describe, expect, it } from 'vitest';
import { createCheckoutHandler } from '../src/handler.ts';
import { shopHandlerOptions, startSandboxAndShop } from './checkout-servers.ts';
import { resolveTestCart } from './handler-harness.ts';
import {
  createExposureRecorder,
  findSecrets,
  findSecretsInFiles,
  type NamedSecret,
  sandboxSecrets,
  secretForms,
} from './secret-scan.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const secret: NamedSecret = { name: 'test secret', value: 'pa55:w/rd+s3cret?&=' };

describe('secretForms and findSecrets', () => {
  it('finds a secret raw, URL- and JSON-encoded, in hex and inside base64 at any alignment', () => {
    const value = secret.value;
    const texts = [
      `token=${value}`,
      `?s=${encodeURIComponent(value)}`,
      `a=${new URLSearchParams({ s: value }).toString()}`,
      JSON.stringify({ value: `"${value}"` }),
      Buffer.from(value).toString('hex'),
      Buffer.from(value).toString('hex').toUpperCase(),
      `Authorization: Basic ${Buffer.from(`user:${value}`).toString('base64')}`,
      Buffer.from(`ab${value}`).toString('base64url'),
      Buffer.from(`abc${value}xyz`).toString('base64'),
    ];
    for (const text of texts) expect(findSecrets('t', text, [secret])).toEqual(['t: test secret']);
    expect(findSecrets('t', 'nothing to see', [secret])).toEqual([]);
    const pem = {
      name: 'pem',
      value:
        '-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASC\nAT8wggE7AgEAAkEAyEWDs+g6BK9RbN9O\n-----END PRIVATE KEY-----\n',
    };
    expect(findSecrets('t', 'x AT8wggE7AgEAAkEAyEWDs+g6BK9RbN9O y', [pem])).toEqual(['t: pem']);
    expect(secretForms('short')).toEqual([]);
  });

  it('records response headers, bodies, event streams and log lines', async () => {
    const recorder = createExposureRecorder();
    await recorder.recordResponse('json', Response.json({ ok: true }, { headers: { 'x-a': 'b' } }));
    expect(recorder.find([secret])).toEqual([]);
    const header = await recorder.recordResponse(
      'header',
      new Response(null, { headers: { 'x-token': secret.value } }),
    );
    expect(header.headers.get('x-token')).toBe(secret.value);
    const body = await recorder.recordResponse('body', new Response(`{"k":"${secret.value}"}`));
    expect(await body.text()).toContain(secret.value);
    const encoder = new TextEncoder();
    const stream = await recorder.recordResponse(
      'sse',
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(encoder.encode('data: 1\n\n'));
            controller.enqueue(
              encoder.encode(`data: ${Buffer.from(secret.value).toString('hex')}\n\n`),
            );
            controller.close();
          },
        }),
        { headers: { 'content-type': 'text/event-stream' } },
      ),
    );
    // The client still gets the whole stream.
    expect(await stream.text()).toContain('data: 1');
    recorder.record('log', `{"message":"${encodeURIComponent(secret.value)}"}`);
    expect(recorder.find([secret])).toEqual([
      'header headers: test secret',
      'body body: test secret',
      'sse stream: test secret',
      'log: test secret',
    ]);
  });

  it('the integration harness fails its close() when a response or log line holds a secret', async () => {
    const servers = await startSandboxAndShop({
      tmpPrefix: 'secret-scan-',
      keyPrefix: 'scan',
      sandbox: () => ({ ksher: {} }),
    });
    const fulfilled: string[] = [];
    const options = shopHandlerOptions(servers, fulfilled);
    const handler = createCheckoutHandler({
      ...options,
      databasePath: join(servers.dir, 'checkout.sqlite'),
      resolveCart: resolveTestCart,
      ksher: {
        baseUrl: servers.sandbox.ksher.baseUrl,
        token: servers.sandbox.ksher.token,
        webhookUrl: `${servers.shopUrl}/api/checkout/webhooks/ksher`,
      },
    });
    servers.route = (request) => handler.fetch(request);
    const session = await servers.createSession('ksher.card', [{ sku: 'tea', quantity: 1 }]);
    options.logger.log('info', 'a line', {
      note: Buffer.from(`x${servers.sandbox.ksher.token}`).toString('base64'),
    });
    expect(servers.exposures.count()).toBeGreaterThan(2);
    // The session id is in the responses: posing as a secret, it must be found.
    servers.secrets.push({ name: 'session id posing as a secret', value: session.id });
    await expect(servers.close(handler)).rejects.toThrow(/session id posing as a secret/);
    expect(servers.exposures.find(servers.secrets)).toContain('log: Ksher token');
  });
});

describe('built browser code', () => {
  // The sandbox's fixed credentials, the ones any build or test could have picked up, and every
  // gateway secret set in this environment.
  const sandbox = createGatewaySandbox({ publicUrl: 'http://gateway.test/sandbox' });
  const secrets: NamedSecret[] = [
    ...sandboxSecrets(sandbox),
    { name: 'Ksher sandbox token', value: KSHER_SANDBOX_TOKEN },
    { name: 'KessPay sandbox API secret key', value: KESSPAY_SANDBOX_CREDENTIALS.apiSecretKey },
    { name: 'Ktpay sandbox secret key', value: KTPAY_SANDBOX_CREDENTIALS.secretKey },
  ];
  sandbox.close();
  for (const name of [
    'KSHER_API_TOKEN',
    'KESSPAY_CLIENT_SECRET',
    'KESSPAY_PASSWORD',
    'KESSPAY_API_SECRET_KEY',
    'KTPAY_APP_KEY',
    'KTPAY_CALLBACK_SECRET',
  ]) {
    const value = process.env[name];
    if (value) secrets.push({ name, value });
  }

  it.each([
    'packages/checkout-react/src',
    'packages/checkout-react/dist',
    'packages/checkout-core/src',
    'packages/checkout-core/dist',
    'apps/demo-shop/src',
    'apps/demo-shop/dist',
  ])('%s holds no secret or key material', (folder) => {
    const dir = join(root, folder);
    // dist folders exist once built (the demo-shop e2e global setup builds apps/demo-shop/dist).
    if (!existsSync(dir)) return;
    expect(findSecretsInFiles(dir, secrets)).toEqual([]);
  });
});
