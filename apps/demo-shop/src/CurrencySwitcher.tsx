import { useId } from 'react';
import { useShopCurrency } from './currency-store.ts';
import { isShopCurrency, SHOP_CURRENCIES, SHOP_CURRENCY_NAMES } from './shop-currencies.ts';

/** The header's currency choice: a labelled native select, so keyboards and screen readers get it for free. */
export function CurrencySwitcher() {
  const id = useId();
  const { currency, setCurrency } = useShopCurrency();
  return (
    <div className="header-choice">
      <label htmlFor={id}>Currency</label>
      <select
        id={id}
        value={currency}
        onChange={(event) => {
          if (isShopCurrency(event.target.value)) setCurrency(event.target.value);
        }}
      >
        {SHOP_CURRENCIES.map((code) => (
          <option key={code} value={code}>
            {code} · {SHOP_CURRENCY_NAMES[code]}
          </option>
        ))}
      </select>
    </div>
  );
}
