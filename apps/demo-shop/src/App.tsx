import { CheckoutProvider } from '@localpay/checkout-react';
import { useQueryClient } from '@tanstack/react-query';
import { CurrencySwitcher } from './CurrencySwitcher.tsx';
import { useCart } from './cart-store.ts';
import { useCheckoutLocalePack } from './checkout-language.ts';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { CartPage } from './pages/CartPage.tsx';
import { CatalogPage } from './pages/CatalogPage.tsx';
import { CheckoutPage } from './pages/CheckoutPage.tsx';
import { OrderPage } from './pages/OrderPage.tsx';
import { Link, useLocation } from './router.tsx';

function Page({ pathname }: { pathname: string }) {
  switch (pathname) {
    case '/cart':
      return <CartPage />;
    case '/checkout':
      return <CheckoutPage />;
    case '/order':
      return <OrderPage />;
    default:
      return <CatalogPage />;
  }
}

export function App() {
  const { pathname } = useLocation();
  const queryClient = useQueryClient();
  const count = useCart((state) => state.lines.reduce((sum, line) => sum + line.quantity, 0));
  const pack = useCheckoutLocalePack();

  return (
    <CheckoutProvider
      apiBase="/api/checkout"
      locale={pack.locale}
      locales={[pack]}
      queryClient={queryClient}
    >
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link to="/" className="brand">
          Siam Crafts
        </Link>
        <CurrencySwitcher />
        <LanguageSwitcher />
        <nav aria-label="Shop">
          <Link to="/cart" className="cart-link">
            Cart <span className="cart-link__count">({count})</span>
          </Link>
        </nav>
      </header>
      <main id="main" className="site-main">
        <Page pathname={pathname} />
      </main>
      <footer className="site-footer">
        <p>
          Demo store for localpay checkout. Payments run against the gateway sandbox unless real
          credentials are set.
        </p>
      </footer>
    </CheckoutProvider>
  );
}
