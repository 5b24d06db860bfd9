import { formatMoney } from '@localpay/checkout-core';
import { useCart } from '../cart-store.ts';
import { useCatalog } from '../catalog.ts';
import { Link } from '../router.tsx';
import { EmptyPage } from './EmptyPage.tsx';

export function CartPage() {
  const catalog = useCatalog();
  const { lines, setQuantity } = useCart();

  if (lines.length === 0) {
    return <EmptyPage heading="Your cart" message="Your cart is empty." />;
  }
  if (catalog.isPending) return <p aria-busy="true">Loading cart…</p>;
  if (catalog.isError) return <p role="alert">Could not load prices. Reload to try again.</p>;

  const { currency, products } = catalog.data;
  const rows = lines.flatMap((line) => {
    const product = products.find((p) => p.sku === line.sku);
    return product ? [{ ...line, product }] : [];
  });
  // Display only: the server prices the cart again when the checkout session is created.
  const total = rows.reduce((sum, row) => sum + row.product.unitAmount * row.quantity, 0);

  return (
    <section aria-labelledby="cart-heading">
      <h1 id="cart-heading">Your cart</h1>
      <table className="cart">
        <caption className="visually-hidden">Items in your cart</caption>
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col">Quantity</th>
            <th scope="col" className="numeric">
              Price
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.sku}>
              <th scope="row">{row.product.name}</th>
              <td>
                <div className="quantity">
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={`Remove one ${row.product.name}`}
                    onClick={() => setQuantity(row.sku, row.quantity - 1)}
                  >
                    −
                  </button>
                  <span aria-live="polite">{row.quantity}</span>
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={`Add one ${row.product.name}`}
                    onClick={() => setQuantity(row.sku, row.quantity + 1)}
                  >
                    +
                  </button>
                </div>
              </td>
              <td className="numeric">
                {formatMoney(row.product.unitAmount * row.quantity, currency)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              Total
            </th>
            <td className="numeric">{formatMoney(total, currency)}</td>
          </tr>
        </tfoot>
      </table>
      <Link to="/checkout" className="button button--primary">
        Checkout
      </Link>
    </section>
  );
}
