import { render, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { StrictMode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { expectNoAxeViolations } from '../tests/axe.ts';
import { useMockApi } from '../tests/msw-server.ts';
import { renderInProvider, testQueryClient } from '../tests/render.tsx';
import { Checkout } from './Checkout.tsx';
import { CheckoutProvider, type CheckoutProviderProps } from './context.tsx';
import { sessionFixture } from './mocks/fixtures.ts';
import { PaymentStatus } from './PaymentStatus.tsx';

const cart = { items: [{ sku: 'SCARF', quantity: 1 }] };

describe('locale', () => {
  it('is a live prop: text changes in place and the chosen method stays chosen', async () => {
    const api = useMockApi();
    const navigate = vi.fn();
    const queryClient = testQueryClient();
    // A plain function, not a component: each call renders the same tree with new props.
    const shop = (props: Partial<CheckoutProviderProps>) => (
      <StrictMode>
        <CheckoutProvider queryClient={queryClient} navigate={navigate} {...props}>
          <Checkout cart={cart} currency="THB" amount={89_000} returnUrl="https://shop.example/o" />
        </CheckoutProvider>
      </StrictMode>
    );
    const user = userEvent.setup();
    const view = render(shop({ locale: 'en' }));
    const radio = await screen.findByRole('radio', { name: 'PromptPay' });
    await user.click(radio);
    expect(screen.getByRole('button', { name: 'Pay THB\u00a0890.00' })).toBeTruthy();

    view.rerender(shop({ locale: 'th' }));
    // The same element, still checked: nothing was remounted, the flow store kept its state.
    expect(screen.getByRole('radio', { name: 'พร้อมเพย์' })).toBe(radio);
    expect(radio).toHaveProperty('checked', true);
    expect(screen.getByRole('group', { name: 'ช่องทางการชำระเงิน' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'บัตรเครดิต/เดบิต' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'ชำระเงิน ฿890.00' })).toBeTruthy();
    await expectNoAxeViolations(view.container);

    view.rerender(shop({ locale: 'kk' }));
    expect(screen.getByRole('radio', { name: 'PromptPay' })).toBe(radio);
    expect(screen.getByRole('button', { name: '890,00\u00a0฿ төлеу' })).toBeTruthy();
    // The method list was read once; a new locale is not a new query.
    expect(api.requests.filter((r) => r.path.includes('/methods'))).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: '890,00\u00a0฿ төлеу' }));
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1));
    const posted = api.requests.find((r) => r.method === 'POST');
    expect(posted?.body).toMatchObject({ locale: 'kk', methodId: 'ksher.promptpay' });
    expect(screen.getByRole('heading', { name: 'PromptPay бетіне өтудесіз' })).toBeTruthy();
  });

  it('shows Khmer and Russian text and amounts', async () => {
    useMockApi();
    const { unmount } = renderInProvider(
      <PaymentStatus
        session={sessionFixture({ status: 'succeeded', amount: 40_000, currency: 'KHR' })}
      />,
      { locale: 'km-KH' },
    );
    expect(screen.getByRole('heading', { name: 'បានទទួលការបង់ប្រាក់' })).toBeTruthy();
    expect(screen.getByText('សូមអរគុណ! យើងបានទទួលការបង់ប្រាក់ចំនួន 40,000៛ របស់អ្នកហើយ។')).toBeTruthy();
    unmount();
    const { container } = renderInProvider(
      <PaymentStatus
        session={sessionFixture({ status: 'refunded', amount: 123_450, currency: 'KZT' })}
      />,
      { locale: 'ru' },
    );
    expect(screen.getByRole('heading', { name: 'Оплата возвращена' })).toBeTruthy();
    // Read as is: getByText would fold Intl's no-break spaces into plain ones.
    expect(container.querySelector('.lp-status__body')?.textContent).toBe(
      'Ваша оплата на сумму 1\u00a0234,50\u00a0KZT возвращена.',
    );
  });
});

describe('translations', () => {
  it('overrides single strings and method names per locale, the rest stays built in', async () => {
    useMockApi();
    renderInProvider(<Checkout cart={cart} currency="THB" />, {
      locale: 'th-TH',
      translations: {
        th: { pay: 'จ่ายเลย', methods: { 'ksher.airpay': 'Shopee' } },
        'th-TH': { pickerLegend: 'เลือกวิธีจ่าย' },
        ru: { pay: 'Платить' },
      },
    });
    expect(await screen.findByRole('group', { name: 'เลือกวิธีจ่าย' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Shopee' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'พร้อมเพย์' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'จ่ายเลย' })).toBeTruthy();
  });

  it("keeps the server's label for a method the catalog does not name", async () => {
    useMockApi();
    renderInProvider(<Checkout cart={cart} currency="THB" />, { locale: 'ru' });
    // The fixtures' card method is named by the catalog; TrueMoney Wallet keeps the brand.
    expect(await screen.findByRole('radio', { name: 'Банковская карта' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'TrueMoney' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Оплатить' })).toBeTruthy();
  });
});
