import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { allMethods } from './mocks/fixtures.ts';
import { ProviderPicker, type ProviderPickerProps } from './ProviderPicker.tsx';

function StatefulPicker(props: Omit<ProviderPickerProps, 'value' | 'onChange'>) {
  const [value, setValue] = useState<string | null>(null);
  return (
    <div className="lp-checkout">
      <ProviderPicker {...props} value={value} onChange={setValue} />
    </div>
  );
}

const meta = {
  title: 'Checkout/ProviderPicker',
  component: StatefulPicker,
  args: { methods: allMethods, currency: 'THB' },
} satisfies Meta<typeof StatefulPicker>;

export default meta;
type Story = StoryObj<typeof meta>;

export const WithLimits: Story = {};
export const TotalExcludesSome: Story = { args: { amount: 1_500 } };
