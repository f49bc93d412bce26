// Schema migrations, run on every start (and by the user commands) through Kysely's
// Migrator. The same migrations serve SQLite and PostgreSQL: they use only types and
// statements both understand. Migrations are only ever added, never edited.

import { Migrator, type Kysely, type Migration } from 'kysely';
import { initial } from './0001-initial';

export const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
};

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    migrationTableName: 'gloss_migration',
    migrationLockTableName: 'gloss_migration_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? 'unknown error');
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${reason}`);
  }
}
