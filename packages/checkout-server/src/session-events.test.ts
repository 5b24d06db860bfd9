import { describe, expect, it } from 'vitest';
import { createInProcessSessionEvents } from './session-events.ts';

describe('in-process session events', () => {
  it('delivers to subscribers of that session only, and unsubscribes', () => {
    const events = createInProcessSessionEvents();
    const a: string[] = [];
    const b: string[] = [];
    const offA = events.subscribe('cs_a', (e) => a.push(e.status));
    events.subscribe('cs_b', (e) => b.push(e.status));
    events.subscribe('cs_a', () => {
      throw new Error('broken subscriber');
    });
    events.publish({ id: 'cs_a', status: 'succeeded', updatedAt: 'now' });
    expect(a).toEqual(['succeeded']);
    expect(b).toEqual([]);
    expect(events.subscriberCount()).toBe(3);
    offA();
    offA();
    events.publish({ id: 'cs_a', status: 'refunded', updatedAt: 'now' });
    expect(a).toEqual(['succeeded']);
    expect(events.subscriberCount()).toBe(2);
  });
});
