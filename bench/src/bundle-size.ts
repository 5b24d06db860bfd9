import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const benchDir = fileURLToPath(new URL('..', import.meta.url));

/** The drop-in's peers: a shop already ships them, so "the drop-in itself" leaves them out. */
export const PEERS = ['react', 'react-dom', '@tanstack/react-query', 'zustand'];
const REACT = ['react', 'react-dom'];

export interface BundleEntry {
  name: string;
  /** ES module source bundled as the entry point (resolved from bench/). */
  source: string;
  external: string[];
  loader: 'js' | 'css';
  note?: string;
}

export interface BundleSize {
  name: string;
  minified: number;
  gzip: number;
  brotli: number;
  note?: string;
}

export const DROP_IN = 'drop-in <Checkout/> (peers external)';
export const DROP_IN_CSS = 'drop-in styles.css';
export const DROP_IN_THAI = 'drop-in + Thai pack (locales/th)';
export const DROP_IN_ALL_LOCALES = 'drop-in + every pack (locales/all)';

const DROP_IN_SOURCE = "export { Checkout, CheckoutProvider } from '@localpay/checkout-react';";

/** Our entries: the budget check bundles only these. */
export const OWN_ENTRIES: BundleEntry[] = [
  {
    name: DROP_IN,
    // Checkout renders every flow (redirect, QR, embedded, status); the provider supplies the client.
    // English is built in; other languages are opt-in packs, measured below.
    source: DROP_IN_SOURCE,
    external: PEERS,
    loader: 'js',
  },
  {
    name: DROP_IN_THAI,
    source: `${DROP_IN_SOURCE} export { th } from '@localpay/checkout-react/locales/th';`,
    external: PEERS,
    loader: 'js',
    note: 'a Thai shop: English plus one pack',
  },
  {
    name: DROP_IN_ALL_LOCALES,
    source: `${DROP_IN_SOURCE} export { allCheckoutLocales } from '@localpay/checkout-react/locales/all';`,
    external: PEERS,
    loader: 'js',
    note: 'th, km, kk and ru for a shop that switches among them',
  },
  {
    name: 'drop-in + react-query + zustand',
    source: DROP_IN_SOURCE,
    external: REACT,
    loader: 'js',
  },
  {
    name: DROP_IN_CSS,
    source: "@import '@localpay/checkout-react/styles.css';",
    external: [],
    loader: 'css',
  },
];

/** The comparison: the big SDKs' documented drop-in entries, bundled the same way. */
export const COMPETITOR_ENTRIES: BundleEntry[] = [
  {
    name: '@adyen/adyen-web/auto AdyenCheckout + Dropin',
    // The documented Drop-in import: `auto` registers every payment method the Drop-in can show.
    source: "export { AdyenCheckout, Dropin } from '@adyen/adyen-web/auto';",
    external: REACT,
    loader: 'js',
  },
  {
    name: '@adyen/adyen-web AdyenCheckout + Dropin + Card (tree-shaken)',
    source: "export { AdyenCheckout, Dropin, Card } from '@adyen/adyen-web';",
    external: REACT,
    loader: 'js',
  },
  {
    name: '@adyen/adyen-web adyen.css',
    source: "@import '@adyen/adyen-web/styles/adyen.css';",
    external: [],
    loader: 'css',
  },
  {
    name: '@stripe/react-stripe-js + @stripe/stripe-js (react external)',
    source:
      "export { loadStripe } from '@stripe/stripe-js'; export { Elements, PaymentElement } from '@stripe/react-stripe-js';",
    external: REACT,
    loader: 'js',
    note: 'loader only: Stripe.js (js.stripe.com/v3, not bundleable) is fetched from Stripe at run time',
  },
];

function compressedSizes(code: Uint8Array): { gzip: number; brotli: number } {
  return {
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
    }).length,
  };
}

/** Bundles one entry like a shop's production build would (minified ESM for browsers). */
export async function measureBundle(entry: BundleEntry): Promise<BundleSize> {
  const result = await build({
    stdin: {
      contents: entry.source,
      resolveDir: benchDir,
      loader: entry.loader,
      sourcefile: entry.loader === 'css' ? 'entry.css' : 'entry.js',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"production"' },
    external: entry.external,
    // Fonts and images of a stylesheet are separate requests, not part of its size.
    loader: { '.woff': 'empty', '.woff2': 'empty', '.svg': 'empty', '.png': 'empty' },
    write: false,
    outdir: 'out',
    logLevel: 'silent',
  });
  const output = result.outputFiles.find((file) =>
    file.path.endsWith(entry.loader === 'css' ? '.css' : '.js'),
  );
  if (!output) throw new Error(`esbuild produced no output for ${entry.name}`);
  return {
    name: entry.name,
    minified: output.contents.length,
    ...compressedSizes(output.contents),
    note: entry.note,
  };
}

export function formatKb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

export function bundleTable(sizes: BundleSize[]): string {
  const rows = sizes.map(
    (size) =>
      `| ${size.name} | ${formatKb(size.minified)} | ${formatKb(size.gzip)} | ${formatKb(size.brotli)} |${size.note ? ` ${size.note}` : ''}`,
  );
  return ['| bundle | min | min+gzip | min+brotli | note', '|---|---:|---:|---:|---', ...rows].join(
    '\n',
  );
}
