/// <reference types="vite/client" />
import type { Preview } from '@storybook/react-vite';
import { QueryClient } from '@tanstack/react-query';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { useState } from 'react';
import { action } from 'storybook/actions';
// The root has no workspace dependency on the package, so its source is imported directly.
import { CheckoutProvider } from '../packages/checkout-react/src/index.ts';
import '../packages/checkout-react/src/styles.css';

const navigate = action('navigate');

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
  decorators: [
    (Story) => {
      // A fresh QueryClient per story: no cached methods or sessions leak between stories.
      const [queryClient] = useState(
        () => new QueryClient({ defaultOptions: { queries: { retry: false } } }),
      );
      return (
        <CheckoutProvider queryClient={queryClient} navigate={navigate}>
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
