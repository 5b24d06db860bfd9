import { getRequestListener } from '@hono/node-server';
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';
import type { FetchTarget } from './fetch-target.ts';

export type { FetchTarget };

/**
 * A Fastify plugin for the checkout handler:
 * `await app.register(toFastifyPlugin(h), { prefix: '/api/checkout' })` with the handler's
 * `basePath` '/api/checkout'. Inside the plugin's (encapsulated) scope Fastify parses no bodies,
 * so webhook signatures are checked over the raw bytes; the rest of the app keeps its parsers.
 * The reply is hijacked and written straight to the socket, so SSE is not buffered; Fastify's
 * `bodyLimit` and onSend/onResponse hooks do not apply to these routes. `app.close()` calls
 * `checkout.shutdown()` (preClose), so open event streams end with a retry hint and close completes.
 */
export function toFastifyPlugin(checkout: FetchTarget): FastifyPluginCallback {
  const listener = getRequestListener((request) => checkout.fetch(request));
  return (instance, _options, done) => {
    instance.removeAllContentTypeParsers();
    // Leaves the body stream unread for the handler.
    instance.addContentTypeParser('*', (_request, _payload, parsed) => parsed(null));
    const route = (request: FastifyRequest, reply: FastifyReply) => {
      reply.hijack();
      void listener(request.raw, reply.raw);
    };
    // app.close() waits for open connections: end the (hijacked) event streams first.
    instance.addHook('preClose', (hookDone) => {
      checkout.shutdown?.();
      hookDone();
    });
    instance.all('/', route);
    instance.all('/*', route);
    done();
  };
}
