import type { Meta, StoryObj } from '@storybook/react-vite';
import { fn } from 'storybook/test';
import { sessionFixture } from './mocks/fixtures.ts';
import { PaymentStatus } from './PaymentStatus.tsx';

const meta = {
  title: 'Checkout/PaymentStatus',
  component: PaymentStatus,
  decorators: [
    (Story) => (
      <div className="lp-checkout">
        <Story />
      </div>
    ),
  ],
  args: { session: sessionFixture(), onRetry: fn() },
} satisfies Meta<typeof PaymentStatus>;

export default meta;
type Story = StoryObj<typeof meta>;

const final = { next: undefined } as const;

export const Pending: Story = {};
export const Processing: Story = { args: { session: sessionFixture({ status: 'processing' }) } };
export const Succeeded: Story = {
  args: { session: sessionFixture({ status: 'succeeded', ...final }) },
};
export const Failed: Story = { args: { session: sessionFixture({ status: 'failed', ...final }) } };
export const Cancelled: Story = {
  args: { session: sessionFixture({ status: 'cancelled', ...final }) },
};
export const Expired: Story = {
  args: { session: sessionFixture({ status: 'expired', ...final }) },
};
export const Refunded: Story = {
  args: { session: sessionFixture({ status: 'refunded', ...final }) },
};
export const PartiallyRefunded: Story = {
  args: { session: sessionFixture({ status: 'partially_refunded', ...final }) },
};
