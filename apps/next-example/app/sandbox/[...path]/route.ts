import { toNextRouteHandlers } from '@localpay/checkout-server/next';
import { exampleServer } from '../../../lib/checkout.ts';

export const runtime = 'nodejs';

const notFound = {
  fetch: async () => new Response('No sandbox: real gateway credentials are set', { status: 404 }),
};

// The gateway emulator's hosted pages and API, only when no gateway credentials are set.
export const { GET, POST } = toNextRouteHandlers(() => exampleServer().sandbox ?? notFound);
