import type { Meta, StoryObj } from '@storybook/react-vite';
import { sessionFixture } from './mocks/fixtures.ts';
import { RedirectPayment } from './RedirectPayment.tsx';

const meta = {
  title: 'Checkout/RedirectPayment',
  component: RedirectPayment,
  decorators: [
    (Story) => (
      <div className="lp-checkout">
        <Story />
      </div>
    ),
  ],
  args: { session: sessionFixture(), methodLabel: 'PromptPay', focusOnMount: false },
} satisfies Meta<typeof RedirectPayment>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
