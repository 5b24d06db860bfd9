import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { Checkout } from './Checkout.tsx';
import {
  iframeSessionFixture,
  ktpayCard,
  promptPay,
  promptPayQr,
  qrSessionFixture,
} from './mocks/fixtures.ts';
import { apiError, createMockCheckoutApi } from './mocks/handlers.ts';

const meta = {
  title: 'Checkout/Checkout',
  component: Checkout,
  args: {
    cart: { items: [{ sku: 'SCARF', quantity: 1 }] },
    currency: 'THB',
    returnUrl: 'https://shop.example/order',
  },
  parameters: { msw: createMockCheckoutApi().handlers },
} satisfies Meta<typeof Checkout>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Loading: Story = {
  parameters: { msw: createMockCheckoutApi({ methodsDelay: 'infinite' }).handlers },
};

export const MethodsError: Story = {
  parameters: {
    msw: createMockCheckoutApi({
      methodsErrors: [apiError(503, 'provider_unavailable', 'Payment methods are unavailable')],
    }).handlers,
  },
};

/** The server offers nothing for this currency. */
export const NoMethods: Story = {
  parameters: { msw: createMockCheckoutApi({ methods: [] }).handlers },
};

export const OneMethod: Story = {
  parameters: { msw: createMockCheckoutApi({ methods: [promptPay] }).handlers },
};

export const ManyMethods: Story = {};

export const ManyMethodsWithKnownTotal: Story = {
  args: { amount: 1_500 },
};

export const Creating: Story = {
  parameters: {
    msw: createMockCheckoutApi({ methods: [promptPay], createDelay: 'infinite' }).handlers,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Pay' }));
    await expect(await canvas.findByText('Starting your payment…')).toBeInTheDocument();
  },
};

export const CreateError: Story = {
  parameters: {
    msw: createMockCheckoutApi({
      methods: [promptPay],
      createErrors: [
        apiError(503, 'provider_unavailable', 'Ksher is not answering. Try again in a minute.'),
      ],
    }).handlers,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Pay' }));
    await canvas.findByRole('heading', { name: 'The payment could not be started' });
  },
};

/** The redirect itself goes to Storybook's "navigate" action instead of leaving the page. */
export const Redirecting: Story = {
  parameters: { msw: createMockCheckoutApi({ methods: [promptPay] }).handlers },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Pay' }));
    await canvas.findByRole('heading', { name: 'Redirecting to PromptPay' });
  },
};

/** A QR method: the QR, countdown and live status replace the form; pay it from the msw mock. */
export const QrPaymentFlow: Story = {
  args: { merchantName: 'Demo Shop' },
  parameters: {
    msw: createMockCheckoutApi({
      methods: [promptPayQr],
      createdSession: (id) => qrSessionFixture({ id }),
    }).handlers,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Pay' }));
    await canvas.findByRole('heading', { name: 'Scan to pay' });
  },
};

/**
 * Ktpay's card widget embedded in the page (`next.type === 'iframe'`). The example widget origin
 * does not exist, so the frame stays empty here.
 */
export const EmbeddedPaymentFlow: Story = {
  args: { currency: 'KZT', cart: { items: [{ sku: 'TEA', quantity: 1 }] } },
  parameters: {
    msw: createMockCheckoutApi({
      methods: [ktpayCard],
      createdSession: (id) => iframeSessionFixture({ id }),
    }).handlers,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Pay' }));
    await canvas.findByTitle('Card (Ktpay) payment form');
  },
};
