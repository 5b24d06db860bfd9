import { useId } from 'react';
import {
  CHECKOUT_LANGUAGES,
  isCheckoutLanguage,
  useCheckoutLanguage,
} from './checkout-language.ts';

/** The header's checkout-language choice; each option is named in its own language. */
export function LanguageSwitcher() {
  const id = useId();
  const { language, setLanguage } = useCheckoutLanguage();
  return (
    <div className="header-choice">
      <label htmlFor={id}>Checkout language</label>
      <select
        id={id}
        value={language}
        onChange={(event) => {
          if (isCheckoutLanguage(event.target.value)) setLanguage(event.target.value);
        }}
      >
        {Object.entries(CHECKOUT_LANGUAGES).map(([code, name]) => (
          <option key={code} value={code} lang={code}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}
