import { screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { expectNoAxeViolations } from '../tests/axe.ts';
import { renderInProvider } from '../tests/render.tsx';
import { allMethods, card, shopeePay } from './mocks/fixtures.ts';
import { isWithinLimits, ProviderPicker } from './ProviderPicker.tsx';

describe('<ProviderPicker>', () => {
  it('is a fieldset of native radios with labels; change reports the method id', async () => {
    const onChange = vi.fn();
    const { container } = renderInProvider(
      <ProviderPicker
        methods={allMethods}
        value="ksher.truemoney"
        onChange={onChange}
        currency="THB"
      />,
    );
    const group = screen.getByRole('group', { name: 'Payment method' });
    expect(group.tagName).toBe('FIELDSET');
    expect(screen.getAllByRole('radio')).toHaveLength(4);
    expect(screen.getByRole('radio', { name: 'TrueMoney Wallet' })).toHaveProperty('checked', true);
    await userEvent.setup().click(screen.getByText('ShopeePay'));
    expect(onChange).toHaveBeenCalledWith('ksher.airpay');
    await expectNoAxeViolations(container);
  });

  it('disables the whole group when asked', () => {
    renderInProvider(
      <ProviderPicker methods={[shopeePay]} value={null} onChange={vi.fn()} disabled />,
    );
    expect(screen.getByRole('group')).toHaveProperty('disabled', true);
  });

  it('checks limits inclusively and only when the amount is known', () => {
    expect(isWithinLimits(card, undefined)).toBe(true);
    expect(isWithinLimits(card, 1_999)).toBe(false);
    expect(isWithinLimits(card, 2_000)).toBe(true);
    expect(isWithinLimits({ ...card, maxAmount: 3_000 }, 3_001)).toBe(false);
  });
});
