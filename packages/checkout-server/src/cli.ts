#!/usr/bin/env node
// `checkout-server migrate|reconcile`: operations on the order store, configured like the server
// (DATABASE_URL or CHECKOUT_DATABASE_PATH, gateway variables for reconcile).
import { parseArgs } from 'node:util';
import { checkoutOptionsFromEnv, resolveCheckoutConfig } from './config.ts';
import { ConfigError } from './errors.ts';
import { createCheckoutHandler } from './handler.ts';
import { migratePostgres } from './store/postgres-order-store.ts';
import { createSqliteOrderStore } from './store/sqlite-order-store.ts';

const USAGE = `Usage:
  checkout-server migrate
      Applies pending schema migrations (PostgreSQL with DATABASE_URL, else SQLite at
      CHECKOUT_DATABASE_PATH, default .data/checkout.sqlite).
  checkout-server reconcile [--older-than-minutes N]
      Queries the gateway for every open session older than N minutes (default 10), expires
      sessions past their expiry and prints a JSON report. Needs the gateway variables
      (KSHER_*, KESSPAY_*, KTPAY_*) the server uses. Exit code 1 if a session could not be checked.
`;

// Never called: reconcile and migrate price no carts.
const noCartPricing = () => {
  throw new Error('the CLI does not price carts');
};

async function migrate(): Promise<void> {
  const options = checkoutOptionsFromEnv();
  if (options.databaseUrl !== undefined) {
    const schema = options.databaseSchema ?? 'public';
    const applied = await migratePostgres({ connectionString: options.databaseUrl, schema });
    console.log(JSON.stringify({ store: 'postgres', schema, applied }));
    return;
  }
  const path = options.databasePath ?? '.data/checkout.sqlite';
  // Opening the SQLite store applies its migrations.
  await createSqliteOrderStore({ path }).close();
  console.log(JSON.stringify({ store: 'sqlite', path }));
}

async function reconcile(olderThanMinutes: number): Promise<number> {
  const options = { ...checkoutOptionsFromEnv(), resolveCart: noCartPricing };
  resolveCheckoutConfig(options); // ConfigError names what is missing before anything opens
  const handler = createCheckoutHandler(options);
  try {
    const report = await handler.reconcile({ olderThanMinutes });
    console.log(JSON.stringify(report));
    return report.failed.length > 0 ? 1 : 0;
  } finally {
    await handler.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'older-than-minutes': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help || command === undefined) {
    process.stdout.write(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  if (positionals.length > 1) throw new UsageError(`unexpected argument ${positionals[1]}`);
  if (command === 'migrate') {
    await migrate();
    return 0;
  }
  if (command === 'reconcile') {
    const raw = values['older-than-minutes'] ?? '10';
    if (!/^\d{1,6}$/.test(raw)) {
      throw new UsageError('--older-than-minutes must be a whole number of minutes');
    }
    return reconcile(Number(raw));
  }
  throw new UsageError(`unknown command ${command}`);
}

class UsageError extends Error {}

function isParseArgsError(error: unknown): error is Error {
  return (
    error instanceof TypeError &&
    String((error as TypeError & { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')
  );
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError || error instanceof ConfigError) {
    console.error(`checkout-server: ${error.message}`);
    if (error instanceof UsageError) process.stderr.write(USAGE);
    process.exitCode = 2;
  } else if (isParseArgsError(error)) {
    // parseArgs: an unknown option.
    console.error(`checkout-server: ${error.message}`);
    process.exitCode = 2;
  } else {
    // Messages only: a driver error may quote the connection string.
    console.error(
      `checkout-server: ${error instanceof Error ? error.message : 'failed'}`.replace(
        /postgres(?:ql)?:\/\/[^\s'"]*/g,
        'postgres://[REDACTED]',
      ),
    );
    process.exitCode = 1;
  }
}
