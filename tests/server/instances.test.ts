// Deployment: migrations build the schema on an empty database at start, and on
// PostgreSQL two server instances share one database, with clients on either one
// seeing the same data, nothing missed by a reader pulling while others push.

import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { SQLITE_FILE } from '../../server/src/store/open';
import { MIGRATIONS } from '../../server/src/migrations';
import { addUser, BACKENDS, Client, createPlace, killAll, latest, newId, newNote, stamp, startServer, type Place } from './support';

afterAll(killAll);

async function schema(place: Place): Promise<{ tables: string[]; migrations: string[] }> {
  const tablesSql = place.databaseUrl
    ? `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`
    : `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1`;
  const migrationsSql = 'SELECT name FROM gloss_migration ORDER BY name';
  if (place.databaseUrl) {
    const client = new pg.Client({ connectionString: place.databaseUrl });
    await client.connect();
    try {
      const tables = (await client.query(tablesSql)).rows.map((r) => r.name as string);
      const migrations = tables.includes('gloss_migration') ? (await client.query(migrationsSql)).rows.map((r) => r.name as string) : [];
      return { tables, migrations };
    } finally {
      await client.end();
    }
  }
  const db = new Sqlite(join(place.dataDir, SQLITE_FILE));
  try {
    const tables = (db.prepare(tablesSql).all() as { name: string }[]).map((r) => r.name);
    const migrations = tables.includes('gloss_migration') ? (db.prepare(migrationsSql).all() as { name: string }[]).map((r) => r.name) : [];
    return { tables, migrations };
  } finally {
    db.close();
  }
}

describe.each(BACKENDS)('migrations on %s', (backend) => {
  it('build the schema on an empty database when the server starts, and only once', async () => {
    const place = await createPlace(backend);
    try {
      if (backend === 'postgres') expect((await schema(place)).tables).toEqual([]);
      const first = await startServer(place);
      const built = await schema(place);
      expect(built.tables).toEqual(expect.arrayContaining(['users', 'tokens', 'clients', 'records', 'gloss_migration']));
      expect(built.migrations).toEqual(Object.keys(MIGRATIONS).sort());
      expect(await first.stop()).toBe(0);
      // A second start finds nothing to do and serves the same data.
      const token = await addUser(place);
      const second = await startServer(place);
      const c = new Client(second.url, token);
      expect((await c.push([{ type: 'mute', record: 'nvidia', hlc: stamp('migrate1'), fields: { entity: 'nvidia', deleted: false } }])).status).toBe(200);
      expect((await schema(place)).migrations).toEqual(built.migrations);
      expect(await second.stop()).toBe(0);
    } finally {
      await place.drop();
    }
  });
});

describe('two server instances on one PostgreSQL database', () => {
  it('serve clients on either one as one server', async () => {
    const place = await createPlace('postgres');
    // Both start at once on the empty database: their migrations must not collide.
    const [one, two] = await Promise.all([startServer(place, ['--rate', '0']), startServer(place, ['--rate', '0'])]);
    try {
      const token = await addUser(place);
      const a = new Client(one.url, token);
      const b = new Client(two.url, token);
      const id = newId();
      const t = Date.now();
      await a.push([{ type: 'note', record: id, hlc: stamp('devicea3', 0, 0, t), fields: newNote('written through one', t), base: { body: null } }]);
      const seenByB = latest((await b.pullAll()).changes).get(`note/${id}`)!;
      expect(seenByB.fields.body).toBe('written through one');
      await b.push([{ type: 'note', record: id, hlc: stamp('deviceb3', 1000, 0, t), fields: { body: 'edited through two' }, base: { body: seenByB.clock.body! } }]);
      expect(latest((await a.pullAll()).changes).get(`note/${id}`)!.fields.body).toBe('edited through two');
      await a.push([{ type: 'note', record: id, hlc: stamp('devicea3', 2000, 0, t), fields: { deleted: true } }]);
      expect(latest((await b.pullAll()).changes).get(`note/${id}`)!.fields.deleted).toBe(true);

      // Ten clients, five on each instance, push at once while a reader on instance two pulls as it goes.
      const { cursor: start } = await b.pullAll();
      const writers = Array.from({ length: 10 }, (_, w) => new Client(w % 2 ? two.url : one.url, token));
      let done = false;
      const reader = new Client(two.url, token);
      const seen = new Set<string>();
      const reading = (async () => {
        let cursor = start;
        for (;;) {
          const finished = done;
          const page = await reader.pullAll(cursor);
          for (const ch of page.changes) seen.add(ch.record);
          cursor = page.cursor;
          if (finished) return cursor;
        }
      })();
      await Promise.all(
        writers.map(async (w, wi) => {
          for (let p = 0; p < 5; p++) {
            const batch = Array.from({ length: 20 }, (_, k) => ({ type: 'mute' as const, record: `w${wi}-${p}-${k}`, hlc: stamp(`writer0${wi}`, 0, p * 20 + k), fields: { entity: `w${wi}-${p}-${k}`, deleted: false } }));
            const r = await w.push(batch);
            expect(r.body).toEqual({ lastMutationId: (p + 1) * 20, applied: 20 });
          }
        }),
      );
      done = true;
      const end = await reading;
      expect(seen.size).toBe(1000);
      // Each write took the next number: 1000 writes after the start, no gap, no number twice.
      expect(Number(end) - Number(start)).toBe(1000);
      const fromOne = await new Client(one.url, token).pullAll();
      const fromTwo = await new Client(two.url, token).pullAll();
      expect(fromOne).toEqual(fromTwo);
      expect(fromOne.changes.filter((c) => c.type === 'mute')).toHaveLength(1000);
    } finally {
      await Promise.all([one.stop(), two.stop()]);
      await place.drop();
    }
  });
});
