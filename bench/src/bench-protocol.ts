/** Messages between the benchmarks and bench-server.ts (its own process). */

/** The webhook URL configured in the server: Ksher signs webhooks over exactly this string. */
export const WEBHOOK_URL = 'https://shop.example.com/api/checkout/webhooks/ksher';

export interface BenchRequest {
  /** From the request reaching the handler until its body is read. */
  totalMs: number;
  /** Of which waiting for the gateway emulator. */
  gatewayMs: number;
}

export type ServerMessage =
  | { type: 'stats' }
  | { type: 'seed'; count: number; offset: number }
  | { type: 'pay'; sessionIds: string[] }
  | { type: 'stop' };

export type ServerReply =
  | { type: 'ready'; url: string; token: string }
  /** `cpuMs`: the server process's CPU time (user + system) since the last stats. */
  | { type: 'stats'; stats: Record<string, BenchRequest[]>; cpuMs: number }
  | { type: 'paid'; merchantOrderIds: string[] }
  | { type: 'done' }
  | { type: 'error'; message: string };

/** A server child's side of the IPC: answers each message from the parent, in kind. */
export function answerParent(answer: (message: ServerMessage) => Promise<ServerReply>): void {
  process.on('message', (message: ServerMessage & { seq: number }) => {
    answer(message).then(
      (reply) => {
        process.send?.({ ...reply, seq: message.seq });
        if (message.type === 'stop') process.disconnect();
      },
      (error: unknown) =>
        process.send?.({ type: 'error', message: String(error), seq: message.seq }),
    );
  });
}
