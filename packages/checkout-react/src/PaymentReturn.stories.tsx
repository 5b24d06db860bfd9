import type { SessionStatus } from '@localpay/checkout-core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { fn } from 'storybook/test';
import { iframeSessionFixture, sessionFixture } from './mocks/fixtures.ts';
import { apiError, createMockCheckoutApi } from './mocks/handlers.ts';
import { PaymentReturn } from './PaymentReturn.tsx';

const meta = {
  title: 'Checkout/PaymentReturn',
  component: PaymentReturn,
  args: { search: '?checkout_session=cs_story', onSuccess: fn(), onRetry: fn() },
} satisfies Meta<typeof PaymentReturn>;

export default meta;
type Story = StoryObj<typeof meta>;

function withSession(status: SessionStatus) {
  const session = sessionFixture({ id: 'cs_story', status });
  if (status !== 'pending') delete session.next;
  return { msw: createMockCheckoutApi({ sessions: [session] }).handlers };
}

export const Pending: Story = { parameters: withSession('pending') };
export const Succeeded: Story = { parameters: withSession('succeeded') };
export const Failed: Story = {
  args: { search: '?checkout_session=cs_story&checkout_result=fail' },
  parameters: withSession('failed'),
};
export const Cancelled: Story = { parameters: withSession('cancelled') };
export const Expired: Story = { parameters: withSession('expired') };
export const Refunded: Story = { parameters: withSession('refunded') };
/** "Not completed" return with a still-pending session: the page asks the server to cancel. */
export const NotCompletedCancels: Story = {
  args: { search: '?checkout_session=cs_story&checkout_result=fail' },
  parameters: withSession('pending'),
};
export const NoSession: Story = { args: { search: '' } };
/**
 * "Not completed" return from Ktpay, which cannot cancel through its API (501 `unsupported`):
 * the session stays pending until it expires, and the page says so.
 */
export const CancelUnsupported: Story = {
  args: { search: '?checkout_session=cs_story&checkout_result=fail' },
  parameters: {
    msw: createMockCheckoutApi({
      sessions: [iframeSessionFixture({ id: 'cs_story' })],
      cancelErrors: [apiError(501, 'unsupported', 'Cancelling a Ktpay payment is not supported')],
    }).handlers,
  },
};
