// The server killed with SIGKILL in the middle of a large push, restarted on the same
// data, and the client's retry: every mutation applied exactly once. On PostgreSQL the
// kill lands inside the push's transaction for certain: the test holds a lock on the
// client's row, which the push updates last, and kills the server while the push waits
// for it, every record already written. On SQLite (one writer, no such lock to hold)
// the kill lands when the database's write-ahead log starts to grow.

import { statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_REQUEST_BYTES } from '../../model';
import { SQLITE_FILE } from '../../server/src/store/open';
import { addUser, BACKENDS, Client, createPlace, killAll, newId, newNote, stamp, startServer, type Place, type ServerProcess } from './support';

afterAll(killAll);

const COUNT = 500;
const BODY_CHARS = 15_000;

/** Sends a push by hand, so the test decides when the server dies; resolves when the body has been handed to the socket. */
function sendPush(url: string, token: string, body: string, part: 'half' | 'all'): { written: Promise<void>; answer: Promise<number | 'no answer'> } {
  const u = new URL(`${url}/v1/push`);
  const bytes = Buffer.from(body);
  let answered!: (v: number | 'no answer') => void;
  const answer = new Promise<number | 'no answer'>((r) => (answered = r));
  const req = request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': bytes.length } }, (res) => {
    res.resume();
    res.on('end', () => answered(res.statusCode ?? 0));
  });
  req.on('error', () => answered('no answer'));
  const end = part === 'half' ? bytes.length >> 1 : bytes.length;
  const written = new Promise<void>((resolve) => req.write(bytes.subarray(0, end), () => resolve()));
  if (part === 'all') req.end();
  return { written, answer };
}

async function notesInDatabase(place: Place): Promise<number> {
  if (place.databaseUrl) {
    const client = new pg.Client({ connectionString: place.databaseUrl });
    await client.connect();
    try {
      return Number((await client.query(`SELECT count(*) AS n FROM records WHERE type = 'note'`)).rows[0].n);
    } finally {
      await client.end();
    }
  }
  const db = new Sqlite(join(place.dataDir, SQLITE_FILE));
  try {
    return (db.prepare(`SELECT count(*) AS n FROM records WHERE type = 'note'`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Resolves once `test()` is true, polling without blocking the test's own I/O. */
async function until(test: () => boolean | Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

describe.each(BACKENDS)('SIGKILL during a large push on %s', (backend) => {
  it('loses and duplicates nothing once the client retries', async () => {
    const place = await createPlace(backend);
    let server: ServerProcess | undefined;
    try {
      const token = await addUser(place);
      server = await startServer(place, ['--rate', '0']);
      let client = new Client(server.url, token);
      // A first small push gives the client its row (the lock the PostgreSQL case holds).
      expect((await client.push([{ type: 'note', record: newId(), hlc: stamp('crashdev'), fields: newNote('before the crash') }])).status).toBe(200);

      const t = Date.now();
      const ids = Array.from({ length: COUNT }, () => newId());
      const expected = new Map(ids.map((id, i) => [id, `note ${i} `.padEnd(BODY_CHARS, String.fromCharCode(97 + (i % 26)))]));
      const body = JSON.stringify(client.body(ids.map((id, i) => ({ type: 'note' as const, record: id, hlc: stamp('crashdev', 0, i + 1, t), fields: newNote(expected.get(id)!, t) }))));
      expect(Buffer.byteLength(body)).toBeGreaterThan(MAX_REQUEST_BYTES * 0.85);
      expect(Buffer.byteLength(body)).toBeLessThan(MAX_REQUEST_BYTES);

      // 1. Killed while the body is still arriving.
      const partial = sendPush(server.url, token, body, 'half');
      await partial.written;
      await server.kill();
      expect(await partial.answer).toBe('no answer');
      expect(await notesInDatabase(place)).toBe(1);

      // 2. Killed while the push is being applied.
      server = await startServer(place, ['--rate', '0']);
      if (place.databaseUrl) {
        const blocker = new pg.Client({ connectionString: place.databaseUrl });
        await blocker.connect();
        try {
          await blocker.query('BEGIN');
          await blocker.query('SELECT * FROM clients WHERE client_id = $1 FOR UPDATE', [client.clientId]);
          const inFlight = sendPush(server.url, token, body, 'all');
          await until(async () => {
            const r = await blocker.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`);
            return Number(r.rows[0].n) > 0;
          }, 'the push to wait for the client row');
          await server.kill();
          expect(await inFlight.answer).toBe('no answer');
        } finally {
          await blocker.query('ROLLBACK');
          await blocker.end();
        }
        // Every record had been written inside the transaction; none of it was committed.
        expect(await notesInDatabase(place)).toBe(1);
      } else {
        const wal = join(place.dataDir, `${SQLITE_FILE}-wal`);
        const before = statSync(wal).size;
        const inFlight = sendPush(server.url, token, body, 'all');
        let answered = false;
        void inFlight.answer.then(() => (answered = true));
        await until(() => answered || statSync(wal).size > before, 'the write-ahead log to grow');
        await server.kill();
        // All or nothing: the push committed whole or not at all.
        expect([1, COUNT + 1]).toContain(await notesInDatabase(place));
      }
      const committed = (await notesInDatabase(place)) === COUNT + 1;

      // 3. Restarted on the same data; the client retries the same push.
      server = await startServer(place, ['--rate', '0']);
      client = Object.assign(new Client(server.url, token, client.clientId), { nextId: client.nextId });
      const retry = await client.pushRaw(body);
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual({ lastMutationId: COUNT + 1, applied: committed ? 0 : COUNT });
      expect((await client.pushRaw(body)).body).toEqual({ lastMutationId: COUNT + 1, applied: 0 });

      const { changes, cursor } = await client.pullAll();
      const notes = changes.filter((c) => c.type === 'note');
      expect(notes).toHaveLength(COUNT + 1);
      expect(new Set(notes.map((n) => n.record)).size).toBe(COUNT + 1);
      for (const n of notes) {
        if (expected.has(n.record)) expect(n.fields.body).toBe(expected.get(n.record));
      }
      // One write per record and no more: the user's counter stopped at exactly COUNT + 1.
      expect(cursor).toBe(String(COUNT + 1));
    } finally {
      await server?.kill();
      await place.drop();
    }
  });
});
