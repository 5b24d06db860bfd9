import { formatMoney } from '@localpay/checkout-core';
import { useCart } from '../cart-store.ts';
import { useCatalog } from '../catalog.ts';

export function CatalogPage() {
  const catalog = useCatalog();
  const add = useCart((state) => state.add);

  if (catalog.isPending) return <p aria-busy="true">Loading products…</p>;
  if (catalog.isError) return <p role="alert">Could not load the catalog. Reload to try again.</p>;

  return (
    <section aria-labelledby="catalog-heading">
      <h1 id="catalog-heading">Crafts from Thailand</h1>
      <ul className="products">
        {catalog.data.products.map((product) => (
          <li key={product.sku} className="product">
            <div
              className={`product__swatch product__swatch--${product.swatch}`}
              aria-hidden="true"
            />
            <h2 className="product__name">{product.name}</h2>
            <p className="product__description">{product.description}</p>
            <p className="product__price">
              {formatMoney(product.unitAmount, catalog.data.currency)}
            </p>
            <button
              type="button"
              className="button"
              onClick={() => add(product.sku)}
              aria-label={`Add ${product.name} to cart`}
            >
              Add to cart
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
