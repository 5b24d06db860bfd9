import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, within } from 'storybook/test';
import { EmbeddedPayment } from './EmbeddedPayment.tsx';
import { iframeSessionFixture, KTPAY_WIDGET_ORIGIN } from './mocks/fixtures.ts';

/**
 * Ktpay's card widget embedded in the checkout. The example widget origin does not exist, so the
 * frame stays empty here; the gateway sandbox serves a real one (`KTPAY_PAYER_FLOW=iframe`).
 */
const meta = {
  title: 'Checkout/EmbeddedPayment',
  component: EmbeddedPayment,
  decorators: [
    (Story) => (
      <div className="lp-checkout">
        <Story />
      </div>
    ),
  ],
  args: {
    session: iframeSessionFixture(),
    methodLabel: 'Card (Ktpay)',
    onClose: fn(),
    focusOnMount: false,
  },
} satisfies Meta<typeof EmbeddedPayment>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  play: async ({ canvasElement }) => {
    const frame = within(canvasElement).getByTitle('Card (Ktpay) payment form');
    await expect(frame.getAttribute('src')).toContain(`${KTPAY_WIDGET_ORIGIN}/payment-card?hash=`);
  },
};

/** A URL outside the announced origin is never framed. */
export const RefusedUrl: Story = {
  args: {
    session: iframeSessionFixture({
      next: { type: 'iframe', url: 'https://elsewhere.example/pay', origin: KTPAY_WIDGET_ORIGIN },
    }),
  },
};
