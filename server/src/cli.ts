// gloss-sync: the self-hosted sync server for Gloss, and its user commands.
//   npm run server -- [--port 8787] [--host 127.0.0.1] [--data ./gloss-sync-data] [--rate 300]
//   npm run server -- user add NAME [--data DIR]      prints the new token on its last line
//   npm run server -- user revoke NAME [--data DIR]
//   npm run server -- user list [--data DIR]
// With DATABASE_URL=postgres://... the data is in PostgreSQL and --data is not used.

import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { hashToken, newToken } from './auth';
import { startServer } from './server';
import { openStore } from './store/open';
import { StoreError, type Store } from './store/store';

export const DEFAULTS = { port: 8787, host: '127.0.0.1', data: './gloss-sync-data', rate: 300 } as const;

const USAGE = `usage:
  npm run server -- [--port N] [--host ADDR] [--data DIR] [--rate N]
  npm run server -- user add NAME [--data DIR]
  npm run server -- user revoke NAME [--data DIR]
  npm run server -- user list [--data DIR]

  --port N     port to listen on (default ${DEFAULTS.port}; 0 picks a free one)
  --host ADDR  address to listen on (default ${DEFAULTS.host})
  --data DIR   folder of the SQLite database (default ${DEFAULTS.data})
  --rate N     requests a minute per token (default ${DEFAULTS.rate}; 0 for no limit)
  DATABASE_URL=postgres://...  keep the data in PostgreSQL instead of SQLite`;

class UsageError extends Error {}

const USER_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

function integer(value: string | undefined, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) > max) throw new UsageError(`--${name} must be a whole number from 0 to ${max}, not ${JSON.stringify(value)}`);
  return Number(value);
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        rate: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    console.error(`gloss-sync: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  try {
    const storeOptions = { databaseUrl: process.env.DATABASE_URL, dataDir: values.data ?? DEFAULTS.data };
    if (positionals.length === 0) {
      const port = integer(values.port, 'port', DEFAULTS.port, 65535);
      const rate = integer(values.rate, 'rate', DEFAULTS.rate, 1_000_000);
      return await serveUntilStopped(await openStore(storeOptions), values.host ?? DEFAULTS.host, port, rate);
    }
    const [group, command, name, ...extra] = positionals;
    if (group !== 'user' || extra.length > 0) throw new UsageError(`unknown command: ${positionals.join(' ')}`);
    if (command === 'list') {
      if (name !== undefined) throw new UsageError('user list takes no name');
      return await withStore(storeOptions, listUsers);
    }
    if (command !== 'add' && command !== 'revoke') throw new UsageError(`unknown command: user ${command ?? ''}`.trim());
    if (name === undefined || !USER_NAME.test(name)) {
      throw new UsageError(`user ${command} needs a NAME of 1 to 64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit`);
    }
    return await withStore(storeOptions, (store) => (command === 'add' ? addUser(store, name) : revokeUser(store, name)));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`gloss-sync: ${error.message}\n${USAGE}`);
      return 2;
    }
    if (error instanceof StoreError) {
      console.error(`gloss-sync: ${error.message}`);
      return 1;
    }
    console.error(`gloss-sync: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

async function withStore(options: Parameters<typeof openStore>[0], run: (store: Store) => Promise<number>): Promise<number> {
  const store = await openStore(options);
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

async function addUser(store: Store, name: string): Promise<number> {
  const token = newToken();
  const outcome = await store.addUser(name, hashToken(token), Date.now());
  console.log(outcome === 'created' ? `Added user "${name}" (${store.where}).` : `User "${name}" has a new token; their data is kept (${store.where}).`);
  console.log("Paste this token into Gloss's sync settings in each of the user's browsers. It is shown only this once:");
  console.log(token);
  return 0;
}

async function revokeUser(store: Store, name: string): Promise<number> {
  const revoked = await store.revokeUser(name, Date.now());
  console.log(revoked > 0 ? `Revoked the token of "${name}"; their data is kept. "user add ${name}" gives them a new one.` : `"${name}" had no valid token.`);
  return 0;
}

async function listUsers(store: Store): Promise<number> {
  const users = await store.listUsers();
  if (users.length === 0) {
    console.log(`no users yet (${store.where}); add one with "user add NAME"`);
    return 0;
  }
  const width = Math.max(4, ...users.map((u) => u.name.length));
  console.log(`${'name'.padEnd(width)}  token    records  created`);
  for (const u of users) {
    console.log(`${u.name.padEnd(width)}  ${(u.active ? 'valid' : 'revoked').padEnd(7)}  ${String(u.records).padStart(7)}  ${new Date(u.createdAt).toISOString()}`);
  }
  return 0;
}

async function serveUntilStopped(store: Store, host: string, port: number, rate: number): Promise<number> {
  // Listen for the signals before announcing the address: whoever reads that line may signal at once.
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  let server;
  try {
    server = await startServer({ store, host, port, rate });
  } catch (error) {
    await store.close();
    throw error;
  }
  console.log(`gloss-sync: data in ${store.where}; ${rate > 0 ? `at most ${rate} requests a minute per token` : 'no rate limit'}`);
  console.log(`gloss-sync listening on ${server.url}`);
  const signal = await stopped;
  console.log(`gloss-sync: ${signal}, stopping`);
  await server.close();
  console.log('gloss-sync: stopped');
  return 0;
}

// Runs only as the entry point, so tests and the benchmark can import main().
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
