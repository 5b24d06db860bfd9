import { formatMoney } from '@localpay/checkout-core';
import { CART, CURRENCY, cartTotal, PRODUCTS } from '../lib/catalog.ts';
import { CheckoutPanel } from './checkout-panel.tsx';

/** A Server Component: the cart renders on the server, the drop-in (a client component) in it. */
export default function CheckoutPage() {
  return (
    <section aria-labelledby="checkout-heading">
      <h1 id="checkout-heading">Checkout</h1>
      <table className="cart">
        <caption>Your cart</caption>
        <tbody>
          {CART.map((item) => {
            const product = PRODUCTS.find((p) => p.sku === item.sku);
            if (!product) return null;
            return (
              <tr key={item.sku}>
                <td>
                  {product.name} × {item.quantity}
                </td>
                <td>{formatMoney(product.unitAmount * item.quantity, CURRENCY, 'en')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <CheckoutPanel items={CART} currency={CURRENCY} amount={cartTotal(CART)} />
    </section>
  );
}
