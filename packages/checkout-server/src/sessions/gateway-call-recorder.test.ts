import { describe, expect, it } from 'vitest';
import type { OrderStore } from '../store/order-store.ts';
import {
  createGatewayCallRecorder,
  holdGatewayCalls,
  takeHeldGatewayCalls,
} from './gateway-call-recorder.ts';

/** The two store calls the recorder makes, recorded in order. */
function recordingStore() {
  const written: string[] = [];
  const store = {
    async appendGatewayOrderEvent(provider: string, merchantOrderId: string) {
      written.push(`${provider}:${merchantOrderId}`);
    },
    async appendEvent(sessionId: string | null) {
      written.push(`no order:${sessionId}`);
    },
  } as unknown as OrderStore;
  return { store, written };
}

const at = new Date('2026-01-01T00:00:00.000Z');
const noRedaction = (text: string) => text;

describe('holdGatewayCalls', () => {
  it("hands back the held order's calls and writes every other call at once", async () => {
    const { store, written } = recordingStore();
    const onCall = createGatewayCallRecorder(store, noRedaction, () => at, 'ksher');
    const { result, calls } = await holdGatewayCalls(store, 'order-a', async () => {
      await onCall({ merchantOrderId: 'order-a', service: 'create' } as never);
      await onCall({ merchantOrderId: 'order-b', service: 'query' } as never);
      await onCall({ merchantOrderId: '', service: 'token' } as never);
      return 'created';
    });
    expect(result).toBe('created');
    expect(written).toEqual(['ksher:order-b', 'no order:null']);
    expect(calls).toEqual([
      { type: 'gateway_call', payload: { provider: 'ksher', service: 'create' } },
    ]);
    // Outside the hold, the same order's calls are written again.
    await onCall({ merchantOrderId: 'order-a', service: 'query' } as never);
    expect(written).toEqual(['ksher:order-b', 'no order:null', 'ksher:order-a']);
  });

  it('lets a status change inside the hold take the rows held so far, for its order only', async () => {
    const { store, written } = recordingStore();
    const onCall = createGatewayCallRecorder(store, noRedaction, () => at, 'ksher');
    const { result, calls } = await holdGatewayCalls(store, 'order-a', async () => {
      await onCall({ merchantOrderId: 'order-a', service: 'query' } as never);
      const other = takeHeldGatewayCalls('order-b');
      const taken = takeHeldGatewayCalls('order-a');
      await onCall({ merchantOrderId: 'order-a', service: 'cancel' } as never);
      return { other, taken };
    });
    expect(result.other).toEqual([]);
    expect(result.taken.map((event) => event.payload.service)).toEqual(['query']);
    // What nothing took is handed back; none was written meanwhile.
    expect(calls.map((event) => event.payload.service)).toEqual(['cancel']);
    expect(written).toEqual([]);
    expect(takeHeldGatewayCalls('order-a')).toEqual([]);
  });

  it('writes the held calls before the error of a failed create goes on', async () => {
    const { store, written } = recordingStore();
    const onCall = createGatewayCallRecorder(store, noRedaction, () => at, 'ksher');
    const failed = holdGatewayCalls(store, 'order-a', async () => {
      await onCall({ merchantOrderId: 'order-a', service: 'create' } as never);
      throw new Error('gateway down');
    });
    await expect(failed).rejects.toThrow('gateway down');
    expect(written).toEqual(['ksher:order-a']);
  });
});
