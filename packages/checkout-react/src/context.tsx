'use client';
import {
  type CheckoutClient,
  type CheckoutMessageKey,
  type CheckoutMessages,
  createCheckoutClient,
  formatMessage,
  type MessageVars,
  messagesForLocale,
} from '@localpay/checkout-core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';

export interface CheckoutProviderProps {
  /** Where checkout-server's browser API is mounted. Ignored when `client` is given. */
  apiBase?: string;
  client?: CheckoutClient;
  /** Defaults to a QueryClient owned by this provider. */
  queryClient?: QueryClient;
  /** BCP 47 tag: picks the message catalog and formats amounts; sent with new sessions. */
  locale?: string;
  /** Overrides for single strings of the catalog. */
  messages?: Partial<CheckoutMessages>;
  /** Status polling interval when SSE is unavailable. Default 2000 ms. */
  pollIntervalMs?: number;
  /**
   * Sends the payer to the gateway's page. Default `window.location.assign(url)`; override for a
   * router, a confirmation step, or Storybook.
   */
  navigate?: (url: string) => void;
  children?: ReactNode;
}

export interface CheckoutContextValue {
  client: CheckoutClient;
  locale: string;
  messages: CheckoutMessages;
  pollIntervalMs: number;
  navigate: (url: string) => void;
}

function assignLocation(url: string): void {
  window.location.assign(url);
}

const CheckoutContext = createContext<CheckoutContextValue | null>(null);

function createDefaultQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
  });
}

export function CheckoutProvider({
  apiBase = '/api/checkout',
  client,
  queryClient,
  locale = 'en',
  messages,
  pollIntervalMs = 2000,
  navigate = assignLocation,
  children,
}: CheckoutProviderProps) {
  // One QueryClient per provider instance, stable across renders; used when none is passed in.
  const [ownQueryClient] = useState(createDefaultQueryClient);
  const activeQueryClient = queryClient ?? ownQueryClient;
  const activeClient = useMemo(
    () => client ?? createCheckoutClient({ baseUrl: apiBase }),
    [client, apiBase],
  );
  const catalog = useMemo(
    () => ({ ...messagesForLocale(locale), ...messages }),
    [locale, messages],
  );
  const value = useMemo<CheckoutContextValue>(
    () => ({ client: activeClient, locale, messages: catalog, pollIntervalMs, navigate }),
    [activeClient, locale, catalog, pollIntervalMs, navigate],
  );

  return (
    <QueryClientProvider client={activeQueryClient}>
      <CheckoutContext.Provider value={value}>{children}</CheckoutContext.Provider>
    </QueryClientProvider>
  );
}

export function useCheckoutContext(): CheckoutContextValue {
  const value = useContext(CheckoutContext);
  if (!value) throw new Error('Checkout components must be rendered inside <CheckoutProvider>');
  return value;
}

export function useCheckoutClient(): CheckoutClient {
  return useCheckoutContext().client;
}

/** `t(key, vars)` over the provider's catalog. */
export function useCheckoutMessages(): (key: CheckoutMessageKey, vars?: MessageVars) => string {
  const { messages } = useCheckoutContext();
  return useCallback((key, vars) => formatMessage(messages, key, vars), [messages]);
}
