// The Store over Kysely, for SQLite and PostgreSQL alike. The two differ only in how a
// push takes its user's lock: PostgreSQL locks the user's row (SELECT ... FOR UPDATE)
// so pushes of one user queue while other users' run; SQLite has one writer at a time
// and every write transaction takes it at the start (BEGIN IMMEDIATE), so it waits its
// turn instead of failing when another process (a user command) wrote meanwhile.

import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { isRecordType, type Mutation, type PushResponse } from '../../../model';
import { applyMutations, type RecordKey, type StoredRecord } from './apply';
import type { Database } from './schema';
import { StoreError, type PullPage, type Store, type TokenRow, type UserSummary } from './store';

/** Rows per multi-row statement: well under both databases' limits on bound parameters. */
const CHUNK = 200;

type Write = <T>(work: (db: Kysely<Database>) => Promise<T>) => Promise<T>;

export class KyselyStore implements Store {
  readonly #db: Kysely<Database>;
  readonly #write: Write;

  constructor(
    readonly kind: 'sqlite' | 'postgres',
    readonly where: string,
    db: Kysely<Database>,
  ) {
    this.#db = db;
    this.#write = kind === 'postgres' ? (work) => this.#db.transaction().execute(work) : this.#writeSqlite;
  }

  async addUser(name: string, tokenHash: string, now: number): Promise<'created' | 'renewed'> {
    return this.#write(async (trx) => {
      const user = await trx.selectFrom('users').select('id').where('name', '=', name).executeTakeFirst();
      if (user) {
        const active = await trx.selectFrom('tokens').select('hash').where('user_id', '=', user.id).where('revoked_at', 'is', null).executeTakeFirst();
        if (active) throw new StoreError(`user "${name}" already has a valid token; "user revoke ${name}" first to replace it (the data stays)`);
        await trx.insertInto('tokens').values({ hash: tokenHash, user_id: user.id, created_at: now, revoked_at: null }).execute();
        return 'renewed';
      }
      const id = randomBytes(12).toString('hex');
      await trx.insertInto('users').values({ id, name, seq: 0, created_at: now }).execute();
      await trx.insertInto('tokens').values({ hash: tokenHash, user_id: id, created_at: now, revoked_at: null }).execute();
      return 'created';
    });
  }

  async revokeUser(name: string, now: number): Promise<number> {
    return this.#write(async (trx) => {
      const user = await trx.selectFrom('users').select('id').where('name', '=', name).executeTakeFirst();
      if (!user) throw new StoreError(`no user "${name}"`);
      const result = await trx.updateTable('tokens').set({ revoked_at: now }).where('user_id', '=', user.id).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows);
    });
  }

  async listUsers(): Promise<UserSummary[]> {
    const rows = await this.#db
      .selectFrom('users as u')
      .select((eb) => [
        'u.name',
        'u.created_at',
        eb.selectFrom('tokens as t').select((e) => e.fn.countAll().as('n')).whereRef('t.user_id', '=', 'u.id').where('t.revoked_at', 'is', null).as('active'),
        eb.selectFrom('records as r').select((e) => e.fn.countAll().as('n')).whereRef('r.user_id', '=', 'u.id').as('records'),
      ])
      .orderBy('u.name')
      .execute();
    return rows.map((r) => ({ name: r.name, createdAt: Number(r.created_at), active: Number(r.active) > 0, records: Number(r.records) }));
  }

  async findToken(hash: string): Promise<TokenRow | undefined> {
    const row = await this.#db.selectFrom('tokens').select(['hash', 'user_id', 'revoked_at']).where('hash', '=', hash).executeTakeFirst();
    return row ? { hash: row.hash, userId: row.user_id, revoked: row.revoked_at !== null } : undefined;
  }

  async push(userId: string, clientId: string, mutations: readonly Mutation[], now: number): Promise<PushResponse> {
    return this.#write(async (db) => {
      // PostgreSQL: the user's row lock queues this user's pushes on every instance. SQLite: the write lock is held already.
      let user = db.selectFrom('users').select('seq').where('id', '=', userId);
      if (this.kind === 'postgres') user = user.forUpdate();
      const row = await user.executeTakeFirst();
      if (!row) throw new StoreError('no such user');
      const seq = Number(row.seq);
      const client = await db.selectFrom('clients').select('last_mutation_id').where('user_id', '=', userId).where('client_id', '=', clientId).executeTakeFirst();
      const last = client ? Number(client.last_mutation_id) : 0;
      const todo = mutations.filter((m) => m.id > last);
      if (todo.length === 0) return { lastMutationId: last, applied: 0 };

      const changed = await applyMutations(todo, (keys) => this.#load(db, userId, keys), now);
      let next = seq;
      const rows = changed.map((r) => {
        const fields = JSON.stringify(r.fields);
        const clock = JSON.stringify(r.clock);
        return { user_id: userId, type: r.type, id: r.id, seq: ++next, fields, clock, size: Buffer.byteLength(fields) + Buffer.byteLength(clock), updated_at: now };
      });
      for (let i = 0; i < rows.length; i += CHUNK) {
        await db
          .insertInto('records')
          .values(rows.slice(i, i + CHUNK))
          .onConflict((oc) =>
            oc.columns(['user_id', 'type', 'id']).doUpdateSet((eb) => ({
              seq: eb.ref('excluded.seq'),
              fields: eb.ref('excluded.fields'),
              clock: eb.ref('excluded.clock'),
              size: eb.ref('excluded.size'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          .execute();
      }
      if (next !== seq) await db.updateTable('users').set({ seq: next }).where('id', '=', userId).execute();
      const highest = todo[todo.length - 1]!.id;
      await db
        .insertInto('clients')
        .values({ user_id: userId, client_id: clientId, last_mutation_id: highest, updated_at: now })
        .onConflict((oc) => oc.columns(['user_id', 'client_id']).doUpdateSet({ last_mutation_id: highest, updated_at: now }))
        .execute();
      return { lastMutationId: highest, applied: todo.length };
    });
  }

  async pull(userId: string, after: number, limit: number, maxBytes: number): Promise<PullPage> {
    // Both reads see one snapshot, so `more` and the cursor describe the same state.
    let tx = this.#db.transaction();
    if (this.kind === 'postgres') tx = tx.setIsolationLevel('repeatable read').setAccessMode('read only');
    return tx.execute(async (trx) => {
      const heads = await trx
        .selectFrom('records')
        .select(['seq', 'size'])
        .where('user_id', '=', userId)
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(limit + 1)
        .execute();
      let more = heads.length > limit;
      let take = 0;
      let bytes = 0;
      for (const h of heads.slice(0, limit)) {
        // The first change always goes, however big, or a large record would block the queue.
        if (take > 0 && bytes + h.size > maxBytes) {
          more = true;
          break;
        }
        bytes += h.size;
        take++;
      }
      if (take === 0) return { changes: [], cursor: after, more: false };
      const upTo = Number(heads[take - 1]!.seq);
      const rows = await trx
        .selectFrom('records')
        .select(['type', 'id', 'fields', 'clock'])
        .where('user_id', '=', userId)
        .where('seq', '>', after)
        .where('seq', '<=', upTo)
        .orderBy('seq')
        .execute();
      return { changes: rows.map((r) => ({ type: r.type, record: r.id, fields: r.fields, clock: r.clock })), cursor: upTo, more };
    });
  }

  async close(): Promise<void> {
    await this.#db.destroy();
  }

  async #load(db: Kysely<Database>, userId: string, keys: readonly RecordKey[]): Promise<StoredRecord[]> {
    const wanted = new Set(keys.map((k) => `${k.type}\u0000${k.id}`));
    const ids = [...new Set(keys.map((k) => k.id))];
    const out: StoredRecord[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await db
        .selectFrom('records')
        .select(['type', 'id', 'fields', 'clock'])
        .where('user_id', '=', userId)
        .where('id', 'in', ids.slice(i, i + CHUNK))
        .execute();
      for (const r of rows) {
        // One id can name records of several types (a mute and an entity note on "nvidia").
        if (!wanted.has(`${r.type}\u0000${r.id}`) || !isRecordType(r.type)) continue;
        out.push({ type: r.type, id: r.id, fields: JSON.parse(r.fields), clock: JSON.parse(r.clock) });
      }
    }
    return out;
  }

  /** A write transaction that holds SQLite's one writer lock from its start, so it never fails to upgrade a read lock. */
  #writeSqlite: Write = (work) =>
    this.#db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn);
      try {
        const result = await work(conn);
        await sql`commit`.execute(conn);
        return result;
      } catch (error) {
        await sql`rollback`.execute(conn).catch(() => undefined);
        throw error;
      }
    });
}
