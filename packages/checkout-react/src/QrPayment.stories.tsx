import type { CheckoutSession } from '@localpay/checkout-core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, within } from 'storybook/test';
import { qrSessionFixture } from './mocks/fixtures.ts';
import { createMockCheckoutApi } from './mocks/handlers.ts';
import { QrPayment, type QrPaymentProps } from './QrPayment.tsx';

/**
 * Each story makes its session when it renders, so the countdown starts from the story's own
 * "now" (expiry times are never fixed dates). msw answers the status reads and the event stream.
 */
function QrPaymentStory({
  make,
  ...props
}: Omit<QrPaymentProps, 'session'> & { make: () => CheckoutSession }) {
  const [session] = useState(make);
  return <QrPayment {...props} session={session} />;
}

const id = 'cs_qr_story';

function mockApiFor(session: CheckoutSession) {
  return createMockCheckoutApi({ sessions: [session] }).handlers;
}

const meta = {
  title: 'Checkout/QrPayment',
  component: QrPaymentStory,
  decorators: [
    (Story) => (
      <div className="lp-checkout">
        <Story />
      </div>
    ),
  ],
  args: {
    make: () => qrSessionFixture({ id }),
    merchantName: 'Demo Shop',
    onNewQr: fn(),
    onRetry: fn(),
  },
  parameters: { msw: mockApiFor(qrSessionFixture({ id })) },
} satisfies Meta<typeof QrPaymentStory>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Ten minutes to pay, status followed live over SSE. */
export const Pending: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('img', { name: /QR code to pay/ })).toBeInTheDocument();
  },
};

/** Under a minute left: announcements every 30 s, then the expired state. */
export const Expiring: Story = {
  args: { make: () => qrSessionFixture({ id }, { ttlMs: 45_000 }) },
};

/** The QR is hidden; "New QR code" calls onNewQr (the drop-in creates a fresh session). */
export const Expired: Story = {
  args: { make: () => qrSessionFixture({ id, status: 'expired', next: undefined }) },
  parameters: {
    msw: mockApiFor(qrSessionFixture({ id, status: 'expired', next: undefined })),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('button', { name: 'New QR code' })).toBeInTheDocument();
  },
};

/** Paid: handed over to PaymentStatus. */
export const Succeeded: Story = {
  args: {
    make: () => qrSessionFixture({ id, status: 'succeeded', next: undefined }),
  },
  parameters: {
    msw: mockApiFor(qrSessionFixture({ id, status: 'succeeded', next: undefined })),
  },
};

/** On a phone: "Open app" (the gateway's deep link) and "Save QR image". */
export const MobileWithDeeplink: Story = {
  args: {
    make: () =>
      qrSessionFixture(
        { id },
        { next: { deeplink: 'https://wallet.example/pay?order=cs_qr_story' } },
      ),
  },
  globals: { viewport: { value: 'mobile1', isRotated: false } },
};
