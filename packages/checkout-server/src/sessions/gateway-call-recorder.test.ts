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
  it("holds the order's calls for a state change to take and writes every other call at once", async () => {
    const { store, written } = recordingStore();
    const onCall = createGatewayCallRecorder(store, noRedaction, () => at, 'ksher');
    const result = await holdGatewayCalls(store, 'order-a', async () => {
      await onCall({ merchantOrderId: 'order-a', service: 'create' } as never);
      await onCall({ merchantOrderId: 'order-b', service: 'query' } as never);
      await onCall({ merchantOrderId: '', service: 'token' } as never);
      return { taken: takeHeldGatewayCalls('order-a') };
    });
    expect(result.taken).toEqual([
      { type: 'gateway_call', payload: { provider: 'ksher', service: 'create' } },
    ]);
    // What was taken is not written again when the hold ends.
    expect(written).toEqual(['ksher:order-b', 'no order:null']);
    // Outside the hold, the same order's calls are written again.
    await onCall({ merchantOrderId: 'order-a', service: 'query' } as never);
    expect(written).toEqual(['ksher:order-b', 'no order:null', 'ksher:order-a']);
    expect(takeHeldGatewayCalls('order-a')).toEqual([]);
  });

  it('takes rows for its order only, and writes what nothing took when the work ends', async () => {
    const { store, written } = recordingStore();
    const onCall = createGatewayCallRecorder(store, noRedaction, () => at, 'ksher');
    const result = await holdGatewayCalls(store, 'order-a', async () => {
      await onCall({ merchantOrderId: 'order-a', service: 'query' } as never);
      const other = takeHeldGatewayCalls('order-b');
      const taken = takeHeldGatewayCalls('order-a');
      await onCall({ merchantOrderId: 'order-a', service: 'cancel' } as never);
      return { other, taken, writtenInside: [...written] };
    });
    expect(result.other).toEqual([]);
    expect(result.taken.map((event) => event.payload.service)).toEqual(['query']);
    expect(result.writtenInside).toEqual([]);
    expect(written).toEqual(['ksher:order-a']);
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
