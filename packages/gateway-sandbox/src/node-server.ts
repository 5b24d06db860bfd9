import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { InjectedNetworkError } from './faults.ts';
import {
  createGatewaySandbox,
  type GatewaySandbox,
  type GatewaySandboxOptions,
} from './sandbox.ts';

export interface StartGatewaySandboxOptions extends Omit<GatewaySandboxOptions, 'publicUrl'> {
  /** Default 4010; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  hostname?: string;
  /** Mount prefix, e.g. `/sandbox`; default none (Ksher at `/ksher`). */
  mountPath?: string;
  /** Public URL when it differs from the bound address (proxy, container); overrides mountPath. */
  publicUrl?: string;
}

export interface RunningGatewaySandbox {
  /** The sandbox's public URL (`http://127.0.0.1:4010`). */
  url: string;
  sandbox: GatewaySandbox;
  close(): Promise<void>;
}

/** Serves a gateway sandbox over Node http. The public URL needs the bound port, so listen first. */
export async function startGatewaySandbox(
  options: StartGatewaySandboxOptions = {},
): Promise<RunningGatewaySandbox> {
  const hostname = options.hostname ?? '127.0.0.1';
  let sandbox: GatewaySandbox | undefined;
  const server = createAdaptorServer({
    fetch: async (request, env) => {
      if (!sandbox) return new Response('Starting', { status: 503 });
      try {
        return await sandbox.fetch(request);
      } catch (error) {
        // networkErrorNext: drop the connection so the client's fetch fails like a real network error.
        if (error instanceof InjectedNetworkError) env.incoming.socket.destroy();
        throw error;
      }
    },
    hostname,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4010, hostname, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = hostname === '0.0.0.0' || hostname === '::' ? '127.0.0.1' : hostname;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const url = (options.publicUrl ?? `${origin}${options.mountPath ?? ''}`).replace(/\/+$/, '');
  const { port: _p, hostname: _h, mountPath: _m, publicUrl: _u, ...sandboxOptions } = options;
  const active = createGatewaySandbox({ ...sandboxOptions, publicUrl: url });
  sandbox = active;

  return {
    url,
    sandbox: active,
    async close() {
      // Release hung requests first, or server.close() would wait for them.
      active.close();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
    },
  };
}
