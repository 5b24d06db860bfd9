import { describe, expect, it } from 'vitest';
import { applySessionUpdate } from './session-update.ts';
import { sessionFixture } from './test-fixtures.ts';

describe('applySessionUpdate', () => {
  const pending = sessionFixture();

  it('moves forward on an event and drops the next action at a final status', () => {
    const next = applySessionUpdate(pending, {
      id: pending.id,
      status: 'succeeded',
      updatedAt: '2026-01-01T00:05:00.000Z',
    });
    expect(next.status).toBe('succeeded');
    expect(next.updatedAt).toBe('2026-01-01T00:05:00.000Z');
    expect(next.next).toBeUndefined();
    expect(next.amount).toBe(pending.amount);
  });

  it('ignores backward moves and updates for other sessions', () => {
    const paid = sessionFixture({ status: 'succeeded' });
    expect(applySessionUpdate(paid, { ...pending })).toBe(paid);
    expect(applySessionUpdate(pending, sessionFixture({ id: 'other', status: 'failed' }))).toBe(
      pending,
    );
  });

  it('takes a full read with the same status, but not an event with the same status', () => {
    const fresher = sessionFixture({ updatedAt: '2026-01-01T00:01:00.000Z' });
    expect(applySessionUpdate(pending, fresher)).toBe(fresher);
    expect(applySessionUpdate(pending, { id: pending.id, status: 'pending', updatedAt: 'x' })).toBe(
      pending,
    );
  });
});
