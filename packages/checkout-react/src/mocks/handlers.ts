import {
  type ApiErrorBody,
  type CheckoutSession,
  type CreateSessionRequest,
  IDEMPOTENCY_HEADER,
  isFinalStatus,
  type MethodsResponse,
  type PaymentMethod,
  type SessionStatus,
  type SessionStatusEvent,
} from '@localpay/checkout-core';
import { delay, HttpResponse, http, sse } from 'msw';
import { allMethods, sessionFixture } from './fixtures.ts';

export interface MockErrorAnswer {
  status: number;
  body: ApiErrorBody;
}

export interface MockCheckoutApiOptions {
  /** URL pattern of the API mount; any origin by default. */
  baseUrl?: string;
  methods?: PaymentMethod[];
  /** Answer `GET /methods` with this error instead (each answer once, then the list). */
  methodsErrors?: MockErrorAnswer[];
  /** `'infinite'` keeps `GET /methods` loading forever (Storybook loading state). */
  methodsDelay?: number | 'infinite';
  /** Answer `POST /sessions` with these errors first, in order, then with a session. */
  createErrors?: MockErrorAnswer[];
  /** `'infinite'` keeps `POST /sessions` pending forever (Storybook "creating"). */
  createDelay?: number | 'infinite';
  /**
   * The session `POST /sessions` creates (`id`, `methodId` are filled in); a function gets the new
   * id and makes each session differ (e.g. a new QR code per session).
   */
  createdSession?: Partial<CheckoutSession> | ((id: string) => Partial<CheckoutSession>);
  /** Every answer gets a `Date` header this far ahead of the local clock (clock skew tests). */
  serverClockOffsetMs?: number;
  /** Answer `POST /sessions/:id/cancel` with these errors first, in order (e.g. Ktpay's 501). */
  cancelErrors?: MockErrorAnswer[];
  /** Sessions the API knows before any POST, by id. */
  sessions?: CheckoutSession[];
  /** Statuses successive `GET /sessions/:id` reads move the session through (last one stays). */
  statusTimeline?: SessionStatus[];
  /** Mock `GET /sessions/:id/events` too. Default: where EventSource exists (msw needs it). */
  serverSentEvents?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

function errorResponse({ status, body }: MockErrorAnswer, headers?: HeadersInit) {
  return HttpResponse.json(body, { status, headers });
}

export function apiError(status: number, code: ApiErrorBody['error']['code'], message: string) {
  return { status, body: { error: { code, message } } } satisfies MockErrorAnswer;
}

/**
 * An in-memory stand-in for checkout-server's browser API, typed by the contract. Shared by the
 * tests (msw/node) and Storybook (msw/browser). `requests` records every call it answered.
 */
export function createMockCheckoutApi(options: MockCheckoutApiOptions = {}) {
  const base = options.baseUrl ?? '*/api/checkout';
  const sessions = new Map<string, CheckoutSession>(
    (options.sessions ?? []).map((session) => [session.id, session]),
  );
  const methodsErrors = [...(options.methodsErrors ?? [])];
  const createErrors = [...(options.createErrors ?? [])];
  const cancelErrors = [...(options.cancelErrors ?? [])];
  const timeline = [...(options.statusTimeline ?? [])];
  const requests: RecordedRequest[] = [];
  const subscribers = new Set<(event: SessionStatusEvent) => void>();
  let created = 0;
  // Like a real server: a Date header, here optionally skewed from the local clock.
  const dated = (): HeadersInit | undefined =>
    options.serverClockOffsetMs === undefined
      ? undefined
      : { Date: new Date(Date.now() + options.serverClockOffsetMs).toUTCString() };

  function record(request: Request, body?: unknown) {
    requests.push({
      method: request.method,
      path: new URL(request.url).pathname + new URL(request.url).search,
      headers: Object.fromEntries(request.headers),
      body,
    });
  }

  function setStatus(id: string, status: SessionStatus) {
    const session = sessions.get(id);
    if (!session) return;
    const next: CheckoutSession = { ...session, status, updatedAt: new Date().toISOString() };
    if (isFinalStatus(status)) delete next.next;
    sessions.set(id, next);
    for (const notify of subscribers) notify({ id, status, updatedAt: next.updatedAt });
  }

  const handlers: Array<ReturnType<typeof http.get>> = [
    http.get(`${base}/methods`, async ({ request }) => {
      record(request);
      if (options.methodsDelay !== undefined) await delay(options.methodsDelay);
      const failure = methodsErrors.shift();
      if (failure) return errorResponse(failure);
      const currency = new URL(request.url).searchParams.get('currency');
      const methods = (options.methods ?? allMethods).filter(
        (method) => !currency || method.currencies.includes(currency),
      );
      return HttpResponse.json<MethodsResponse>({ methods });
    }),

    http.post(`${base}/sessions`, async ({ request }) => {
      const body = (await request.json()) as CreateSessionRequest;
      record(request, body);
      if (options.createDelay !== undefined) await delay(options.createDelay);
      const failure = createErrors.shift();
      if (failure) return errorResponse(failure);
      if (!request.headers.get(IDEMPOTENCY_HEADER)) {
        return errorResponse(
          apiError(400, 'invalid_request', 'Idempotency-Key header is required'),
        );
      }
      created += 1;
      const fixed = typeof options.createdSession === 'object' ? options.createdSession : undefined;
      const id = fixed?.id ?? `cs_mock_${created}`;
      const overrides =
        typeof options.createdSession === 'function' ? options.createdSession(id) : fixed;
      const session = sessionFixture({ methodId: body.methodId, ...overrides, id });
      sessions.set(id, session);
      return HttpResponse.json<CheckoutSession>(session, { status: 201, headers: dated() });
    }),

    http.get(`${base}/sessions/:id`, async ({ request, params }) => {
      record(request);
      const id = String(params.id);
      const status = timeline.length > 1 ? timeline.shift() : timeline[0];
      if (status) setStatus(id, status);
      const session = sessions.get(id);
      if (!session) return errorResponse(apiError(404, 'not_found', `No session ${id}`));
      return HttpResponse.json<CheckoutSession>(session, { headers: dated() });
    }),

    http.post(`${base}/sessions/:id/cancel`, async ({ request, params }) => {
      record(request);
      const id = String(params.id);
      const session = sessions.get(id);
      if (!session) return errorResponse(apiError(404, 'not_found', `No session ${id}`));
      const refusal = cancelErrors.shift();
      if (refusal) return errorResponse(refusal);
      if (isFinalStatus(session.status)) {
        return errorResponse(apiError(409, 'conflict', `Session is already ${session.status}`));
      }
      setStatus(id, 'cancelled');
      return HttpResponse.json<CheckoutSession>(sessions.get(id) as CheckoutSession);
    }),
  ];

  // Like the server: the current status at once, then each change, closing after a final one.
  const serverSentEvents = options.serverSentEvents ?? typeof globalThis.EventSource === 'function';
  if (serverSentEvents) {
    handlers.push(
      sse<{ status: SessionStatusEvent }>(`${base}/sessions/:id/events`, ({ client, params }) => {
        const id = String(params.id);
        const session = sessions.get(id);
        if (!session) {
          client.error();
          return;
        }
        const send = (event: SessionStatusEvent) => {
          if (event.id !== id) return;
          client.send({ event: 'status', data: event });
          if (isFinalStatus(event.status)) {
            subscribers.delete(send);
            client.close();
          }
        };
        subscribers.add(send);
        send({ id, status: session.status, updatedAt: session.updatedAt });
      }),
    );
  }

  return { handlers, requests, sessions, setStatus };
}
