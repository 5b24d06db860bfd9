import type { CheckoutMessageKey, CheckoutMessages } from './messages.ts';

export type MessageVars = Record<string, string | number>;

/**
 * Looks up `key` and fills `{name}` placeholders from `vars`. A placeholder without a value is
 * left as written, so a missing variable is visible instead of silently blank.
 */
export function formatMessage(
  messages: CheckoutMessages,
  key: CheckoutMessageKey,
  vars: MessageVars = {},
): string {
  return messages[key].replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(vars, name) ? String(vars[name]) : placeholder,
  );
}
