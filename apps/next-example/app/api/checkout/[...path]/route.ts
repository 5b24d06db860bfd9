import { toNextRouteHandlers } from '@localpay/checkout-server/next';
import { exampleServer } from '../../../../lib/checkout.ts';

// checkout-server keeps orders in SQLite (node:sqlite): the Node.js runtime, not Edge.
export const runtime = 'nodejs';

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = toNextRouteHandlers(
  () => exampleServer().checkout,
);
