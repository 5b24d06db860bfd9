import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { type ReactNode, StrictMode } from 'react';
import { CheckoutProvider, type CheckoutProviderProps } from '../src/context.tsx';

export function testQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: 0 } } });
}

/** Renders inside <StrictMode> and a provider with a fresh QueryClient and fast polling. */
export function renderInProvider(ui: ReactNode, props: Partial<CheckoutProviderProps> = {}) {
  return render(
    <StrictMode>
      <CheckoutProvider queryClient={testQueryClient()} pollIntervalMs={20} {...props}>
        {ui}
      </CheckoutProvider>
    </StrictMode>,
  );
}
