/**
 * Reading and checking single settings, shared by the store options and every gateway's config.
 * Each check throws a ConfigError that names the option or variable and never prints its value.
 */
import { ConfigError } from './errors.ts';
import { isHttpUrl } from './http-url.ts';

type Env = Record<string, string | undefined>;

/** A variable reader for `env`: surrounding whitespace trimmed, and blank counts as unset. */
export function envReader(env: Env): (name: string) => string | undefined {
  return (name) => {
    const raw = env[name]?.trim();
    return raw === undefined || raw === '' ? undefined : raw;
  };
}

/** `a, b ,c` → `['a', 'b', 'c']`: the form of every list variable. */
export function splitEnvList(raw: string): string[] {
  return raw.split(',').map((item) => item.trim());
}

/** The keys whose value is not a non-empty string. */
export function missingStrings<T extends object, K extends keyof T>(
  options: T,
  keys: readonly K[],
): K[] {
  return keys.filter((key) => typeof options[key] !== 'string' || options[key] === '');
}

/** Some of a gateway's settings are set but not these (already named as option or variable). */
export function partlyConfiguredError(gateway: string, missingNames: string[]): ConfigError {
  return new ConfigError(
    `${gateway} is partly configured: ${missingNames.join(', ')} ${missingNames.length === 1 ? 'is' : 'are'} missing`,
  );
}

export function requireHttpUrl(value: unknown, name: string): void {
  if (!isHttpUrl(value)) throw new ConfigError(`${name} must be an absolute http(s) URL`);
}

/** For base and callback URLs that paths or gateway parameters are appended to. */
export function requireNoQueryString(url: string, name: string): void {
  if (new URL(url).search !== '') throw new ConfigError(`${name} must not have a query string`);
}

/**
 * Digits only, so `1e3`, `-5` or `15s` in a variable never reach Number(). The message already
 * gives the range; the range itself is checked with `checkIntegerRange`.
 */
export function parseEnvDigits(raw: string, name: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be an integer from ${min} to ${max}`);
  return Number(raw);
}

export function checkIntegerRange(value: number, name: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

/** A whole-number variable, checked for its range at once. */
export function parseEnvInteger(raw: string, name: string, min: number, max: number): number {
  return checkIntegerRange(parseEnvDigits(raw, name, min, max), name, min, max);
}

/**
 * The string variables among `keys` that are set, under their option keys; what is unset is
 * left out so that missing settings are reported together by the gateway's validation.
 */
export function readEnvStrings<K extends string>(
  read: (name: string) => string | undefined,
  names: Record<K, string>,
  keys: readonly K[],
): Partial<Record<K, string>> {
  const found: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const value = read(names[key]);
    if (value !== undefined) found[key] = value;
  }
  return found;
}

/** Whether any of a gateway's variables is set (then all its required ones must be). */
export function anyEnvSet(
  read: (name: string) => string | undefined,
  names: Iterable<string>,
): boolean {
  for (const name of names) if (read(name) !== undefined) return true;
  return false;
}

/**
 * A list of origins (scheme://host[:port] and nothing else: a path here is almost always a
 * mistake), returned normalised (`https://shop.example/` → `https://shop.example`).
 */
export function requireOriginList(origins: unknown, name: string): string[] {
  if (!Array.isArray(origins)) throw new ConfigError(`${name} must be a list of origins`);
  return origins.map((origin) => {
    if (!isHttpUrl(origin) || new URL(origin).origin !== origin.replace(/\/$/, '')) {
      throw new ConfigError(`${name} must list origins such as https://shop.example.com`);
    }
    return new URL(origin).origin;
  });
}
