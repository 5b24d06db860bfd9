import type { Hono } from 'hono';
import { ApiError } from '../errors.ts';
import type { KtpayAdapter } from '../gateways/ktpay/adapter.ts';
import type { SessionService } from '../sessions/session-service.ts';

/**
 * `GET /sessions/:id/receipt`: the gateway's receipt PDF of a paid session, streamed through.
 * Only Ktpay has receipts (ktpay.md §4.3). 404 for an unknown session, 409 for one that is not
 * paid or whose gateway has no receipts.
 */
export function registerReceiptRoutes(
  app: Hono,
  service: SessionService,
  ktpay: KtpayAdapter | undefined,
): void {
  app.get('/sessions/:id/receipt', async (c) => {
    const order = await service.getSession(c.req.param('id'));
    if (!ktpay || order.provider !== ktpay.provider) {
      throw new ApiError(409, 'unsupported', 'This payment method has no receipts', {
        provider: order.provider,
      });
    }
    if (order.status !== 'succeeded') {
      throw new ApiError(
        409,
        'conflict',
        `A receipt exists only for a paid session; this one is ${order.status}`,
        {
          status: order.status,
        },
      );
    }
    let upstream: Response;
    try {
      upstream = await ktpay.fetchReceipt(order);
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError(502, 'provider_error', 'Ktpay did not return the receipt; try again');
    }
    // Our own file name and headers: nothing of Ktpay's (cookies, CORS) is passed on.
    return new Response(upstream.body, {
      status: 200,
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="receipt-${order.id}.pdf"`,
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  });
}
