import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { Checkout } from './Checkout.tsx';
import { CheckoutProvider } from './context.tsx';
import { allMethods, qrSessionFixture } from './mocks/fixtures.ts';
import { createMockCheckoutApi } from './mocks/handlers.ts';
import { QrPayment } from './QrPayment.tsx';

/**
 * The drop-in pinned to each theme and locale (the toolbar switches the other stories). The
 * method list has a known total, so limit hints and the Pay amount show the locale's formatting.
 */
const meta = {
  title: 'Checkout/Appearance',
  component: Checkout,
  args: {
    cart: { items: [{ sku: 'SCARF', quantity: 1 }] },
    currency: 'THB',
    amount: 89_000,
    returnUrl: 'https://shop.example/order',
  },
  parameters: { msw: createMockCheckoutApi({ methods: allMethods }).handlers },
} satisfies Meta<typeof Checkout>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Light: Story = { globals: { theme: 'light' } };
export const Dark: Story = { globals: { theme: 'dark' } };
export const Minimal: Story = { globals: { theme: 'minimal' } };

/** `appearance={{ theme: 'none' }}`: browser defaults plus the shop's own classes. */
export const Unstyled: Story = {
  globals: { theme: 'none' },
  args: { classNames: { option: 'shop-option', payButton: 'shop-pay' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('radio', { name: 'PromptPay' });
    await expect(canvasElement.querySelector('.lp-picker')).toBeNull();
  },
};

/** Variable overrides through a provider of its own (CSSOM, no nonce). */
export const CustomVariables: Story = {
  render: (args) => (
    <CheckoutProvider
      appearance={{
        variables: {
          '--lp-color-primary': '#6b2fbf',
          '--lp-color-primary-hover': '#52228f',
          '--lp-color-focus': '#6b2fbf',
          '--lp-radius': '1rem',
        },
      }}
    >
      <Checkout {...args} />
    </CheckoutProvider>
  ),
};

export const Thai: Story = { globals: { locale: 'th' } };
export const Khmer: Story = {
  globals: { locale: 'km' },
  args: { currency: 'KHR', amount: 40_000 },
  parameters: {
    msw: createMockCheckoutApi({
      methods: allMethods.map((method) => ({ ...method, currencies: ['KHR'] })),
    }).handlers,
  },
};
export const Kazakh: Story = { globals: { locale: 'kk' } };
export const Russian: Story = { globals: { locale: 'ru' } };

/** A QR code in Khmer on the dark theme: the code keeps its light background. */
export const QrDarkKhmer: Story = {
  globals: { theme: 'dark', locale: 'km' },
  render: () => <QrPayment session={qrSessionFixture()} merchantName="Demo Shop" />,
};
