import type { NextConfig } from 'next';

const config: NextConfig = {
  // The workspace packages ship TypeScript source.
  transpilePackages: [
    '@localpay/checkout-core',
    '@localpay/checkout-react',
    '@localpay/checkout-server',
    '@localpay/gateway-sandbox',
  ],
  // Loaded by Node at run time rather than bundled (native code, WASM or dynamic requires).
  serverExternalPackages: ['libsodium-wrappers', 'pg', 'qrcode', 'pngjs', 'jsqr'],
};

export default config;
