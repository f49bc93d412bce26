// Opens the store the environment asks for: PostgreSQL when DATABASE_URL names one,
// otherwise a SQLite file in the data folder. Migrations run before anything else.

import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from '../migrations';
import { KyselyStore } from './kysely-store';
import type { Database } from './schema';
import type { Store } from './store';

export const SQLITE_FILE = 'gloss-sync.sqlite';

export interface StoreOptions {
  /** postgres://... to use PostgreSQL; otherwise SQLite in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
}

export async function openStore(options: StoreOptions): Promise<Store> {
  const url = options.databaseUrl?.trim();
  const opened = url ? openPostgres(url) : openSqlite(options.dataDir);
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await migrateToLatest(opened.db);
        break;
      } catch (error) {
        // Two processes migrating a new SQLite file at once: one finds the other's write lock and tries again.
        if (opened.kind !== 'sqlite' || attempt >= 20 || !/database is locked/.test((error as Error).message)) throw error;
        await new Promise((r) => setTimeout(r, 50 * attempt));
      }
    }
  } catch (error) {
    await opened.db.destroy();
    throw error;
  }
  return new KyselyStore(opened.kind, opened.where, opened.db);
}

function openPostgres(url: string) {
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client that loses its server emits 'error'; without a listener it would end the process.
  pool.on('error', (error) => console.error(`gloss-sync: PostgreSQL connection lost: ${error.message}`));
  return { kind: 'postgres' as const, where: `PostgreSQL ${redact(url)}`, db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }) };
}

function openSqlite(dataDir: string) {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, SQLITE_FILE);
  const database = new Sqlite(file);
  // WAL lets the user commands write while a server runs; FULL makes an acknowledged push survive a power cut.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  return { kind: 'sqlite' as const, where: `SQLite ${file}`, db: new Kysely<Database>({ dialect: new SqliteDialect({ database }) }) };
}

/** The address without its password, for logs. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparsable address)';
  }
}
