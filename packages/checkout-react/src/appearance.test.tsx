import { QueryClient } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectNoAxeViolations } from '../tests/axe.ts';
import { useMockApi } from '../tests/msw-server.ts';
import { renderInProvider } from '../tests/render.tsx';
import {
  appearanceStyleText,
  type CheckoutAppearance,
  variableDeclarations,
} from './appearance.ts';
import { Checkout } from './Checkout.tsx';
import { CheckoutProvider } from './context.tsx';
import { qrSessionFixture, sessionFixture } from './mocks/fixtures.ts';
import { PaymentStatus } from './PaymentStatus.tsx';
import { QrPayment } from './QrPayment.tsx';

const cart = { items: [{ sku: 'SCARF', quantity: 1 }] };

function lpClasses(root: Element): string[] {
  const found = new Set<string>();
  for (const element of [root, ...root.querySelectorAll('*')]) {
    for (const name of element.classList) if (name.startsWith('lp-')) found.add(name);
  }
  return [...found].sort();
}

afterEach(() => vi.restoreAllMocks());

describe('appearance.theme', () => {
  it('marks the outermost part with the theme, light by default', async () => {
    useMockApi();
    const { container, unmount } = renderInProvider(<Checkout cart={cart} currency="THB" />);
    const root = container.querySelector('.lp-checkout');
    expect(root?.classList.contains('lp-root')).toBe(true);
    expect(root?.getAttribute('data-lp-theme')).toBe('light');
    unmount();

    for (const theme of ['dark', 'minimal'] as const) {
      const view = renderInProvider(<Checkout cart={cart} currency="THB" />, {
        appearance: { theme },
      });
      expect(view.container.querySelector('.lp-root')?.getAttribute('data-lp-theme')).toBe(theme);
      view.unmount();
    }
  });

  it("'none' renders no lp-* styling class, keeps the markup, names and slot classes", async () => {
    useMockApi();
    const user = userEvent.setup();
    const { container } = renderInProvider(
      <Checkout
        cart={cart}
        currency="THB"
        className="shop-checkout"
        classNames={{ picker: 'shop-picker', optionSelected: 'is-chosen', payButton: 'shop-pay' }}
      />,
      { appearance: { theme: 'none' } },
    );
    const radio = await screen.findByRole('radio', { name: 'PromptPay' });
    await user.click(radio);
    expect(lpClasses(container)).toEqual([]);
    expect(container.querySelector('[data-lp-theme]')).toBeNull();
    expect(container.firstElementChild?.className).toBe('shop-checkout');
    expect(screen.getByRole('group', { name: 'Payment method' }).className).toBe('shop-picker');
    expect(radio.closest('.is-chosen')).not.toBeNull();
    expect(screen.getByRole('button', { name: 'Pay' }).className).toBe('shop-pay');
    expect(screen.getAllByRole('status')).toHaveLength(1);
    await expectNoAxeViolations(container);
  });

  it("'none' keeps lp-visually-hidden, which hides screen-reader-only text", () => {
    const { container } = renderInProvider(<QrPayment session={qrSessionFixture()} />, {
      appearance: { theme: 'none' },
    });
    expect(lpClasses(container)).toEqual(['lp-visually-hidden']);
    expect(screen.getByRole('img', { name: /^QR code to pay/ })).toBeTruthy();
  });
});

describe('classNames slots', () => {
  it('reach the inner elements of Checkout and of the parts it renders', async () => {
    useMockApi({ createdSession: qrSessionFixture() });
    const user = userEvent.setup();
    renderInProvider(
      <Checkout
        cart={cart}
        currency="THB"
        classNames={{
          picker: 'x-picker',
          option: 'x-option',
          radio: 'x-radio',
          payButton: 'x-pay',
          qr: 'x-qr',
          heading: 'x-heading',
          qrCode: 'x-code',
        }}
      />,
      { appearance: { theme: 'dark' } },
    );
    const radio = await screen.findByRole('radio', { name: 'PromptPay' });
    expect(radio.className).toBe('lp-picker__radio x-radio');
    expect(radio.parentElement?.className).toBe('lp-picker__option x-option');
    const pay = screen.getByRole('button', { name: 'Pay' });
    expect(pay.className).toBe('lp-button lp-button--primary lp-checkout__pay x-pay');
    await user.click(radio);
    await user.click(pay);
    const heading = await screen.findByRole('heading', { name: 'Scan to pay' });
    expect(heading.className).toBe('lp-qr__heading x-heading');
    const qr = heading.closest('.lp-qr');
    expect(qr?.classList.contains('x-qr')).toBe(true);
    // A nested part inherits the theme's variables: only the outermost root declares them.
    expect(qr?.classList.contains('lp-root')).toBe(true);
    expect(screen.getByRole('img', { name: /^QR code to pay/ }).className).toBe(
      'lp-qr__code x-code',
    );
  });

  it('are merged with the ones a part gets itself', () => {
    renderInProvider(
      <PaymentStatus
        session={sessionFixture({ status: 'failed' })}
        onRetry={() => undefined}
        className="own-root"
        classNames={{ status: 'x-status', button: 'x-button', body: 'x-body' }}
      />,
    );
    const heading = screen.getByRole('heading', { name: 'Payment failed' });
    const panel = heading.closest('.lp-status');
    expect(panel?.className).toBe('lp-root lp-status lp-status--danger x-status own-root');
    expect(panel?.getAttribute('data-lp-tone')).toBe('danger');
    expect(screen.getByRole('button', { name: 'Try again' }).className).toBe(
      'lp-button lp-button--primary x-button',
    );
  });
});

describe('appearance.variables', () => {
  const variables = { '--lp-color-primary': '#123456', '--lp-radius': '0' } as const;

  it('without a nonce: set on the root through CSSOM in a layout effect, no <style> element', async () => {
    useMockApi();
    const queryClient = new QueryClient();
    const shop = (appearance: CheckoutAppearance) => (
      <CheckoutProvider queryClient={queryClient} appearance={appearance}>
        <Checkout cart={cart} currency="THB" />
      </CheckoutProvider>
    );
    const { container, rerender } = render(shop({ variables }));
    const root = container.querySelector<HTMLElement>('.lp-root');
    expect(root?.style.getPropertyValue('--lp-color-primary')).toBe('#123456');
    expect(root?.style.getPropertyValue('--lp-radius')).toBe('0');
    expect(document.querySelector('style')).toBeNull();
    expect(root?.hasAttribute('data-lp-appearance')).toBe(false);

    // The same element, updated: a dropped override is removed, a changed one replaced.
    rerender(shop({ variables: { '--lp-radius': '2px' } }));
    expect(container.querySelector('.lp-root')).toBe(root);
    expect(root?.style.getPropertyValue('--lp-color-primary')).toBe('');
    expect(root?.style.getPropertyValue('--lp-radius')).toBe('2px');
  });

  it('with a nonce: a <style nonce> scoped to this provider, nothing set on elements', async () => {
    useMockApi();
    const { container } = renderInProvider(<Checkout cart={cart} currency="THB" />, {
      appearance: { variables },
      nonce: 'n0nce',
    });
    const style = document.querySelector('style');
    expect(style?.nonce).toBe('n0nce');
    const root = container.querySelector<HTMLElement>('.lp-root');
    const scope = root?.getAttribute('data-lp-appearance') ?? '';
    expect(scope).not.toBe('');
    expect(style?.textContent).toBe(
      `[data-lp-appearance="${scope}"][data-lp-appearance="${scope}"] { --lp-color-primary: #123456; --lp-radius: 0; }`,
    );
    expect(root?.getAttribute('style')).toBeNull();
    // jsdom applies the sheet: the scoped rule reaches the root.
    expect(getComputedStyle(root as HTMLElement).getPropertyValue('--lp-color-primary')).toBe(
      '#123456',
    );
  });

  it('never renders a style attribute on the server, with or without a nonce', () => {
    for (const nonce of [undefined, 'n0nce']) {
      const html = renderToString(
        <CheckoutProvider queryClient={new QueryClient()} appearance={{ variables }} nonce={nonce}>
          <QrPayment session={qrSessionFixture()} />
        </CheckoutProvider>,
      );
      expect(html).not.toMatch(/\sstyle=/);
      expect(html.includes('<style nonce="n0nce">')).toBe(nonce !== undefined);
    }
  });

  it('drops unknown names and values that could leave their declaration, naming them', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const declarations = variableDeclarations({
      '--lp-color-text': '#111',
      '--lp-color-primary': 'red; } body { display: none',
      '--lp-radius': '</style><script>',
      '--lp-space-1': '',
      ...({ '--not-ours': '1px', color: 'red' } as object),
    });
    expect(declarations).toEqual([['--lp-color-text', '#111']]);
    expect(warn.mock.calls.map(([message]) => message)).toEqual([
      '@localpay/checkout-react: appearance.variables["--lp-color-primary"] ignored',
      '@localpay/checkout-react: appearance.variables["--lp-radius"] ignored',
      '@localpay/checkout-react: appearance.variables["--lp-space-1"] ignored',
      '@localpay/checkout-react: appearance.variables["--not-ours"] ignored',
      '@localpay/checkout-react: appearance.variables["color"] ignored',
    ]);
    expect(appearanceStyleText('a"b', declarations)).toBe(
      '[data-lp-appearance="ab"][data-lp-appearance="ab"] { --lp-color-text: #111; }',
    );
  });
});
