'use client';
import {
  type CheckoutClient,
  type CheckoutLocalePack,
  type CheckoutMessageKey,
  type CheckoutMessages,
  type CheckoutTranslations,
  createCheckoutClient,
  formatMessage,
  localeLanguage,
  localePackFor,
  localeText,
  type MessageVars,
  type PaymentMethod,
} from '@localpay/checkout-core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useId,
  useMemo,
  useState,
} from 'react';
import {
  appearanceStyleText,
  type CheckoutAppearance,
  type CheckoutTheme,
  type VariableDeclaration,
  variableDeclarations,
} from './appearance.ts';

export interface CheckoutProviderProps {
  /** Where checkout-server's browser API is mounted. Ignored when `client` is given. */
  apiBase?: string;
  client?: CheckoutClient;
  /** Defaults to a QueryClient owned by this provider. */
  queryClient?: QueryClient;
  /**
   * BCP 47 tag: picks the pack from `locales` (exact tag, then language, else English), formats
   * amounts and is sent with new sessions.
   */
  locale?: string;
  /**
   * The languages this shop shows besides English, which is built in:
   * `import { th } from '@localpay/checkout-react/locales/th'`, then `locales={[th]}`. Opt-in so
   * a shop downloads only the text it shows; `locales/all` has every pack.
   */
  locales?: readonly CheckoutLocalePack[];
  /** Overrides for single strings of the active pack. */
  messages?: Partial<CheckoutMessages>;
  /**
   * Partial overrides per locale (`{ th: { pay: '…', methods: { 'ksher.card': '…' } } }`), laid
   * over the pack of the matching locale; `messages` applies on top of them.
   */
  translations?: CheckoutTranslations;
  /** Theme (`light`, `dark`, `minimal`, or `none` for unstyled) and `--lp-*` variable overrides. */
  appearance?: CheckoutAppearance;
  /**
   * CSP nonce. With it, `appearance.variables` are written into a `<style nonce>` element scoped
   * to this provider's parts; without it they are set through CSSOM (`style.setProperty`).
   */
  nonce?: string;
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
  /** The method's name in the locale when the catalog has it, else the server's label. */
  methodLabel: (method: PaymentMethod) => string;
  appearance: ResolvedAppearance;
}

export interface ResolvedAppearance {
  theme: CheckoutTheme;
  declarations: readonly VariableDeclaration[];
  /** Scopes the nonce'd <style> element (`data-lp-appearance`). */
  instanceId: string;
  nonce: string | undefined;
}

function assignLocation(url: string): void {
  window.location.assign(url);
}

const warnedLocales = new Set<string>();

/** Once per tag: a `locale` with no pack and no translations renders English, which is easy to miss. */
function warnMissingPack(locale: string): void {
  if (warnedLocales.has(locale)) return;
  warnedLocales.add(locale);
  const language = localeLanguage(locale);
  console.warn(
    `[@localpay/checkout-react] locale "${locale}" has no pack, so the checkout shows English. ` +
      `Pass it in: import { ${language} } from '@localpay/checkout-react/locales/${language}' and ` +
      `<CheckoutProvider locales={[${language}]}>, or give translations for "${locale}".`,
  );
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
  locales,
  messages,
  translations,
  appearance,
  nonce,
  pollIntervalMs = 2000,
  navigate = assignLocation,
  children,
}: CheckoutProviderProps) {
  const instanceId = useId();
  // One QueryClient per provider instance, stable across renders; used when none is passed in.
  const [ownQueryClient] = useState(createDefaultQueryClient);
  const activeQueryClient = queryClient ?? ownQueryClient;
  const activeClient = useMemo(
    () => client ?? createCheckoutClient({ baseUrl: apiBase }),
    [client, apiBase],
  );
  // Keyed by content: object literals in the caller's render must not make a new catalog (and
  // re-run every effect that depends on `t`) on each render. A new locale re-renders in place.
  // The packs are module constants, so the one that fits is stable even when `locales` is a
  // new array on every render.
  const { pack } = localePackFor(locale, locales);
  const textKey = JSON.stringify([locale, translations ?? {}, messages ?? {}]);
  const text = useMemo(() => {
    const [tag, overrides, strings] = JSON.parse(textKey) as [
      string,
      CheckoutTranslations,
      Partial<CheckoutMessages>,
    ];
    const resolved = localeText(tag, overrides, [pack]);
    return {
      messages: { ...resolved.messages, ...strings },
      methodLabels: resolved.methodLabels,
      translated: resolved.translated,
    };
  }, [textKey, pack]);
  useEffect(() => {
    if (!text.translated) warnMissingPack(locale);
  }, [text, locale]);
  const methodLabel = useCallback(
    (method: PaymentMethod) => text.methodLabels[method.id] ?? method.label,
    [text],
  );
  const theme = appearance?.theme ?? 'light';
  const variablesKey = JSON.stringify(appearance?.variables ?? {});
  const resolvedAppearance = useMemo<ResolvedAppearance>(
    () => ({
      theme,
      declarations: variableDeclarations(JSON.parse(variablesKey)),
      instanceId,
      nonce,
    }),
    [theme, variablesKey, instanceId, nonce],
  );
  const value = useMemo<CheckoutContextValue>(
    () => ({
      client: activeClient,
      locale,
      messages: text.messages,
      pollIntervalMs,
      navigate,
      methodLabel,
      appearance: resolvedAppearance,
    }),
    [activeClient, locale, text, pollIntervalMs, navigate, methodLabel, resolvedAppearance],
  );
  const { declarations } = resolvedAppearance;

  return (
    <QueryClientProvider client={activeQueryClient}>
      <CheckoutContext.Provider value={value}>
        {nonce !== undefined && declarations.length > 0 ? (
          <style nonce={nonce}>{appearanceStyleText(instanceId, declarations)}</style>
        ) : null}
        {children}
      </CheckoutContext.Provider>
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
