import { Hono } from 'hono';
import { SandboxError } from './errors.ts';
import { type FaultSettings, invalidFaultField } from './faults.ts';

export function controlError(code: string, message: string) {
  return { error: { code, message } };
}

export async function readJson(
  request: Request,
): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const text = await request.text();
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** What every emulator exposes to its control API. */
export interface ControlledGateway<Order, PayOptions> {
  listOrders(): Order[];
  getOrder(id: string): Order | undefined;
  pay(id: string, options: PayOptions): Promise<Order>;
  decline(id: string): Promise<Order>;
  expire(id: string): Promise<Order>;
  faults: { get(): FaultSettings; set(faults: FaultSettings): void; reset(): void };
  /** The webhook / notify delivery log. */
  deliveries(): unknown[];
}

/**
 * The JSON control API every emulator mounts at `{base}/_control`, one shape for all gateways:
 * orders (list, read, pay, decline, expire), faults and the delivery log. It is not signed: the
 * sandbox is a test tool. Gateways add their own routes to the returned app; one whose resources
 * are not "orders" (Ktpay's payments) builds on createControlRouter and registerFaultRoutes.
 */
export function createControlApp<Order, PayOptions>(
  gateway: ControlledGateway<Order, PayOptions>,
  options: {
    /** Validates the optional pay body; a string is the error message for a 400. */
    parsePayOptions(body: Record<string, unknown>): PayOptions | string;
  },
): Hono {
  const app = createControlRouter();

  app.get('/orders', (c) => c.json({ orders: gateway.listOrders() }));

  app.get('/orders/:id', (c) => {
    const id = c.req.param('id');
    const order = gateway.getOrder(id);
    if (!order) return c.json(controlError('not_found', `No order ${id}`), 404);
    return c.json({ order });
  });

  app.post('/orders/:id/pay', async (c) => {
    const body = await readJson(c.req.raw);
    if (!body.ok) return c.json(controlError('invalid_request', 'Body is not valid JSON'), 400);
    const value = body.value ?? {};
    if (typeof value !== 'object' || Array.isArray(value)) {
      return c.json(controlError('invalid_request', 'Body must be a JSON object'), 400);
    }
    const payOptions = options.parsePayOptions(value as Record<string, unknown>);
    if (typeof payOptions === 'string') {
      return c.json(controlError('invalid_request', payOptions), 400);
    }
    return c.json({ order: await gateway.pay(c.req.param('id'), payOptions) });
  });

  app.post('/orders/:id/decline', async (c) =>
    c.json({ order: await gateway.decline(c.req.param('id')) }),
  );

  app.post('/orders/:id/expire', async (c) =>
    c.json({ order: await gateway.expire(c.req.param('id')) }),
  );

  registerFaultRoutes(app, gateway.faults);

  app.get('/webhooks', (c) => c.json({ deliveries: gateway.deliveries() }));
  return app;
}

/**
 * A control router with the shared error shape: SandboxError `not_found` → 404, other sandbox
 * refusals → 409, unknown paths → 404, all as `{ error: { code, message } }`.
 */
export function createControlRouter(): Hono {
  const app = new Hono({ strict: false });
  app.onError((error, c) => {
    if (error instanceof SandboxError) {
      return c.json(
        controlError(error.code, error.message),
        error.code === 'not_found' ? 404 : 409,
      );
    }
    return c.json(controlError('internal_error', 'Unexpected sandbox error'), 500);
  });
  app.notFound((c) => c.json(controlError('not_found', 'Unknown control endpoint'), 404));
  return app;
}

/** GET / PUT / DELETE `/faults`: read, set (validated) and reset fault injection. */
export function registerFaultRoutes(
  app: Hono,
  faults: ControlledGateway<unknown, unknown>['faults'],
) {
  app.get('/faults', (c) => c.json({ faults: faults.get() }));

  app.put('/faults', async (c) => {
    const body = await readJson(c.req.raw);
    if (!body.ok) return c.json(controlError('invalid_request', 'Body is not valid JSON'), 400);
    const field = invalidFaultField(body.value);
    if (field) return c.json(controlError('invalid_request', `Invalid fault field: ${field}`), 400);
    faults.set(body.value as FaultSettings);
    return c.json({ faults: faults.get() });
  });

  app.delete('/faults', (c) => {
    faults.reset();
    return c.json({ faults: faults.get() });
  });
}
