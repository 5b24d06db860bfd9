import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoShop } from './demo-shop.ts';

const appRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const envFile = join(appRoot, '.env');
if (existsSync(envFile)) process.loadEnvFile(envFile);

const port = Number(process.env.PORT ?? 5180);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`PORT must be a port number, got "${process.env.PORT}"`);
  process.exit(1);
}

try {
  const shop = await startDemoShop({ port, hostname: process.env.HOST ?? '127.0.0.1' });
  const mode = shop.sandbox
    ? 'built-in gateway sandbox (no credentials needed)'
    : 'real gateways configured in the environment (KSHER_*, KESSPAY_*)';
  console.log(`\nDemo shop ready: ${shop.url}\n  payments: ${mode}`);
  if (shop.backOffice) {
    console.log(`  back office: ${shop.url}/admin (user ${shop.backOffice.username})`);
  }
  if (shop.sandbox) {
    console.log(`  sandbox payer's phone (pay QR codes here): ${shop.sandbox.ksher.baseUrl}/phone`);
    console.log(`  sandbox control API: ${shop.sandbox.ksher.baseUrl}/_control/orders`);
    console.log(`  KessPay sandbox orders: ${shop.sandbox.kesspay.baseUrl}/_control/orders`);
  }
  const stop = async () => {
    await shop.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
