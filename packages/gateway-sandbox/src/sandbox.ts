import { sandboxCss } from './assets/sandbox-css.ts';
import {
  createKesspayEmulator,
  type KesspaySandbox,
  type KesspaySandboxOptions,
} from './gateways/kesspay/emulator.ts';
import {
  createKsherEmulator,
  type KsherSandbox,
  type KsherSandboxOptions,
} from './gateways/ksher/emulator.ts';
import {
  createKsherPayEmulator,
  type KsherPaySandbox,
  type KsherPaySandboxOptions,
} from './gateways/ksherpay/emulator.ts';
import {
  createKtpayEmulator,
  type KtpaySandbox,
  type KtpaySandboxOptions,
} from './gateways/ktpay/emulator.ts';

export interface GatewaySandboxOptions {
  /**
   * Absolute URL where `sandbox.fetch` is reachable, e.g. `http://127.0.0.1:4010/sandbox`; its
   * pathname is the mount prefix. Payment links and base URLs are built from it.
   */
  publicUrl: string;
  ksher?: KsherSandboxOptions;
  kesspay?: KesspaySandboxOptions;
  ktpay?: KtpaySandboxOptions;
  /** Ksher's RSA-signed KsherPay API, at `{mount}/ksherpay`. */
  ksherpay?: KsherPaySandboxOptions;
  /** Delivers webhooks (default globalThis.fetch). */
  fetch?: typeof fetch;
  log?: (line: string) => void;
}

export interface GatewaySandbox {
  /** Answers every path under the mount prefix, 404 otherwise. */
  fetch(request: Request): Promise<Response>;
  ksher: KsherSandbox;
  kesspay: KesspaySandbox;
  ktpay: KtpaySandbox;
  ksherpay: KsherPaySandbox;
  /** Clears webhook retry timers and releases hung (timeout-fault) requests. */
  close(): void;
}

function notFound(): Response {
  return Response.json(
    { error: { code: 'not_found', message: 'Not a gateway sandbox path' } },
    { status: 404 },
  );
}

/** All gateway emulators under one mount prefix: `{mount}/ksher/...`, `{mount}/assets/...`. */
export function createGatewaySandbox(options: GatewaySandboxOptions): GatewaySandbox {
  const parsed = new URL(options.publicUrl);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError(`publicUrl must be an http(s) URL, got ${options.publicUrl}`);
  }
  const mountPath = parsed.pathname.replace(/\/+$/, '');
  const publicUrl = `${parsed.origin}${mountPath}`;
  const log = options.log ?? (() => {});
  const ksher = createKsherEmulator({
    publicUrl,
    mountPath,
    ksher: options.ksher ?? {},
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    log,
  });
  const kesspay = createKesspayEmulator({
    publicUrl,
    mountPath,
    kesspay: options.kesspay ?? {},
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    log,
  });
  const ktpay = createKtpayEmulator({
    publicUrl,
    mountPath,
    ktpay: options.ktpay ?? {},
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    log,
  });
  const ksherpay = createKsherPayEmulator({
    publicUrl,
    mountPath,
    ksherpay: options.ksherpay ?? {},
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    log,
  });
  const gateways: Array<[string, (request: Request) => Promise<Response>]> = [
    ['/ksher', ksher.fetch],
    ['/kesspay', kesspay.fetch],
    ['/ktpay', ktpay.fetch],
    ['/ksherpay', ksherpay.fetch],
  ];

  return {
    async fetch(request) {
      const pathname = new URL(request.url).pathname;
      if (pathname !== mountPath && !pathname.startsWith(`${mountPath}/`)) return notFound();
      const rest = pathname.slice(mountPath.length);
      if (rest === '/assets/sandbox.css') {
        if (request.method !== 'GET' && request.method !== 'HEAD') {
          return new Response(null, { status: 405, headers: { allow: 'GET, HEAD' } });
        }
        return new Response(request.method === 'HEAD' ? null : sandboxCss, {
          headers: {
            'content-type': 'text/css; charset=utf-8',
            'cache-control': 'public, max-age=300',
            'x-content-type-options': 'nosniff',
          },
        });
      }
      for (const [prefix, handle] of gateways) {
        if (rest === prefix || rest.startsWith(`${prefix}/`)) return handle(request);
      }
      return notFound();
    },
    ksher: ksher.sandbox,
    kesspay: kesspay.sandbox,
    ktpay: ktpay.sandbox,
    ksherpay: ksherpay.sandbox,
    close() {
      ksher.close();
      kesspay.close();
      ktpay.close();
      ksherpay.close();
    },
  };
}
