/// <reference types="vite/client" />
import type { Preview } from '@storybook/react-vite';
import { QueryClient } from '@tanstack/react-query';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { useState } from 'react';
import { action } from 'storybook/actions';
// The root has no workspace dependency on the package, so its source is imported directly.
import { CheckoutProvider, type CheckoutTheme } from '../packages/checkout-react/src/index.ts';
import { allCheckoutLocales } from '../packages/checkout-react/src/locales/all.ts';
import '../packages/checkout-react/src/styles.css';

const navigate = action('navigate');

const THEMES: CheckoutTheme[] = ['light', 'dark', 'minimal', 'none'];
const LOCALES = [
  { value: 'en', title: 'English' },
  { value: 'th', title: 'ไทย (Thai)' },
  { value: 'km', title: 'ខ្មែរ (Khmer)' },
  { value: 'kk', title: 'Қазақша (Kazakh)' },
  { value: 'ru', title: 'Русский (Russian)' },
];

const preview: Preview = {
  // Starts msw's worker once and applies each story's `parameters.msw`. msw 3 renamed
  // onUnhandledRequest to onUnhandledFrame, so the addon's default setup would warn on every
  // Storybook asset: Storybook's own requests pass through untouched.
  loaders: [
    mswLoader(async () => {
      const { setupWorker } = await import('msw/browser');
      const worker = setupWorker();
      await worker.start({ quiet: true, onUnhandledFrame: 'bypass' });
      return worker;
    }),
  ],
  // Toolbar switchers: every story renders in each theme and locale (stories may pin one).
  globalTypes: {
    theme: {
      description: 'Checkout theme (appearance.theme)',
      toolbar: { title: 'Theme', icon: 'paintbrush', items: THEMES, dynamicTitle: true },
    },
    locale: {
      description: 'Checkout locale',
      toolbar: { title: 'Locale', icon: 'globe', items: LOCALES, dynamicTitle: true },
    },
  },
  initialGlobals: { theme: 'light', locale: 'en' },
  decorators: [
    (Story, context) => {
      // A fresh QueryClient per story: no cached methods or sessions leak between stories.
      const [queryClient] = useState(
        () => new QueryClient({ defaultOptions: { queries: { retry: false } } }),
      );
      return (
        <CheckoutProvider
          queryClient={queryClient}
          navigate={navigate}
          locale={String(context.globals.locale ?? 'en')}
          locales={allCheckoutLocales}
          appearance={{ theme: (context.globals.theme as CheckoutTheme | undefined) ?? 'light' }}
        >
          <Story />
        </CheckoutProvider>
      );
    },
  ],
  parameters: {
    a11y: { test: 'error' },
    layout: 'padded',
  },
};

export default preview;
