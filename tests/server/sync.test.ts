// Protocol version 1 against the real server, once on SQLite and once on PostgreSQL:
// tokens, isolation between users, push and pull, exactly-once, field-level merge,
// concurrent text edits kept as revisions, tombstones, paging, and refusals.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPull, checkRecord, MAX_CLOCK_SKEW_MS, MAX_PUSH_MUTATIONS, MAX_REQUEST_BYTES, PULL_PAGE_SIZE, revisionId } from '../../model';
import { addUser, BACKENDS, Client, createPlace, killAll, latest, newId, newNote, revokeUser, stamp, startServer, type Place, type ServerProcess } from './support';

afterAll(killAll);

describe.each(BACKENDS)('sync server on %s', (backend) => {
  let place: Place;
  let server: ServerProcess;
  /** A client of a new user of its own, so tests share the server but never data. */
  const fresh = async (name?: string) => new Client(server.url, await addUser(place, name));

  beforeAll(async () => {
    place = await createPlace(backend);
    server = await startServer(place, ['--rate', '0']);
  });
  afterAll(async () => {
    await server?.stop();
    await place?.drop();
  });

  it('answers health without a token', async () => {
    const r = await new Client(server.url, undefined).request('GET', '/v1/health');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: true, protocol: 1 });
  });

  it('refuses a missing, malformed, unknown or revoked token on every path', async () => {
    const name = `revoked${Date.now()}`;
    const revoked = await fresh(name);
    expect((await revoked.push([{ type: 'mute', record: 'nvidia', hlc: stamp('dev00001'), fields: { entity: 'nvidia', deleted: false } }])).status).toBe(200);
    await revokeUser(place, name);
    const tokens: Record<string, string | undefined> = {
      missing: undefined,
      malformed: 'not-a-token',
      unknown: `gls_${'A'.repeat(43)}`,
      revoked: revoked.token,
    };
    const paths: [string, string, string?][] = [
      ['GET', '/v1/pull'],
      ['GET', '/v1/pull?cursor=0'],
      ['POST', '/v1/push', JSON.stringify(revoked.body([{ type: 'mute', record: 'amd', hlc: stamp('dev00001'), fields: { entity: 'amd' } }]))],
      ['PUT', '/v1/push', '{}'],
      ['GET', '/v1/nothing-here'],
      ['GET', '/'],
      ['POST', '/v1/health'],
      ['GET', '/v1/health/more'],
    ];
    for (const [kind, token] of Object.entries(tokens)) {
      for (const [method, path, body] of paths) {
        const r = await new Client(server.url, token).request<{ error: string }>(method, path, body);
        expect(r.status, `${kind} token, ${method} ${path}`).toBe(401);
        expect(typeof r.body.error, `${kind} token, ${method} ${path}`).toBe('string');
      }
    }
    // The refused push wrote nothing: a new token for the same user still sees only the first mute.
    const again = new Client(server.url, await addUser(place, name));
    const { changes } = await again.pullAll();
    expect(changes.map((c) => c.record)).toEqual(['nvidia']);
  });

  it("keeps each user's data apart: another token neither sees nor changes it", async () => {
    const alice = await fresh();
    const bob = new Client(server.url, (await fresh()).token, alice.clientId);
    const id = newId();
    expect((await alice.push([{ type: 'note', record: id, hlc: stamp('alice001'), fields: newNote('alice only') }])).body).toEqual({ lastMutationId: 1, applied: 1 });
    expect((await bob.pullAll()).changes).toEqual([]);
    // Bob writes the same record id, later, with the same client id and mutation id: his own, not Alice's.
    const b = await bob.push([{ id: 1, type: 'note', record: id, hlc: stamp('bob00001', 1000), fields: { body: 'bob was here' } }]);
    expect(b.body).toEqual({ lastMutationId: 1, applied: 1 });
    const seenByAlice = await alice.pullAll();
    expect(seenByAlice.changes).toHaveLength(1);
    expect(seenByAlice.changes[0]!.fields.body).toBe('alice only');
    const seenByBob = await bob.pullAll();
    expect(seenByBob.changes).toEqual([{ type: 'note', record: id, fields: { body: 'bob was here' }, clock: { body: expect.any(String) } }]);
  });

  it('pull returns what push stored: every field and each field’s clock', async () => {
    const c = await fresh();
    const now = Date.now();
    const note = newId();
    const h1 = stamp('device01', 0, 0, now);
    const h2 = stamp('device01', 0, 1, now);
    const h3 = stamp('device01', 0, 2, now);
    const noteFields = { ...newNote('Nvidia’s H20: see the Commerce filing', now), tags: ['export'], entities: ['nvidia', 'h20'], quote: { exact: 'the H20', prefix: 'about ', suffix: '.' }, position: { start: 10, end: 17 } };
    const push = await c.push([
      { type: 'article', record: `a${'f'.repeat(32)}`, hlc: h1, fields: { url: 'https://example.com/story', title: 'A story', site: 'example.com', published: null, lang: 'en', createdAt: now, updatedAt: now, deleted: false } },
      { type: 'note', record: note, hlc: h2, fields: noteFields, base: { body: null } },
      { type: 'siteSetting', record: 'example.com', hlc: h3, fields: { site: 'example.com', off: false, mode: 'first', hiddenKinds: ['person'], createdAt: now, updatedAt: now, deleted: false } },
    ]);
    expect(push.status).toBe(200);
    expect(push.body).toEqual({ lastMutationId: 3, applied: 3 });
    const pull = await c.pull();
    expect(pull.status).toBe(200);
    expect(checkPull(pull.body).ok).toBe(true);
    expect(pull.body.more).toBe(false);
    expect(pull.body.cursor).toBe('3');
    const byId = latest(pull.body.changes);
    expect(byId.get(`note/${note}`)).toEqual({ type: 'note', record: note, fields: noteFields, clock: Object.fromEntries(Object.keys(noteFields).map((k) => [k, h2])) });
    expect(byId.get('siteSetting/example.com')!.fields.mode).toBe('first');
    expect(byId.get(`article/a${'f'.repeat(32)}`)!.clock.url).toBe(h1);
    // A whole record that went through the server is still a valid record.
    expect(checkRecord('note', { id: note, ...byId.get(`note/${note}`)!.fields }).ok).toBe(true);
  });

  it('applies a retried push once, and a push overlapping an earlier one only for its new mutations', async () => {
    const c = await fresh();
    const body = JSON.stringify(c.body([1, 2, 3].map((i) => ({ type: 'mute' as const, record: `entity-${i}`, hlc: stamp('device02', 0, i), fields: { entity: `entity-${i}`, deleted: false } }))));
    expect((await c.pushRaw(body)).body).toEqual({ lastMutationId: 3, applied: 3 });
    const first = await c.pullAll();
    expect(first.changes).toHaveLength(3);
    expect((await c.pushRaw(body)).body).toEqual({ lastMutationId: 3, applied: 0 });
    // Nothing was written again: no change follows the cursor.
    expect((await c.pullAll(first.cursor)).changes).toEqual([]);
    const overlap = await c.push([
      { id: 3, type: 'mute', record: 'entity-3', hlc: stamp('device02', 0, 3), fields: { entity: 'entity-3', deleted: false } },
      { id: 4, type: 'mute', record: 'entity-3', hlc: stamp('device02', 0, 4), fields: { deleted: true } },
    ]);
    expect(overlap.body).toEqual({ lastMutationId: 4, applied: 1 });
    const after = await c.pullAll(first.cursor);
    expect(after.changes.map((ch) => [ch.record, ch.fields.deleted])).toEqual([['entity-3', true]]);
    // An older retry after a newer push changes nothing and does not move the client backwards.
    expect((await c.pushRaw(body)).body).toEqual({ lastMutationId: 4, applied: 0 });
  });

  it('merges field by field: edits of different fields on two devices are both kept', async () => {
    const a = await fresh();
    const b = new Client(a.url, a.token);
    const id = newId();
    const t = Date.now();
    await a.push([{ type: 'note', record: id, hlc: stamp('devicea1', 0, 0, t), fields: newNote('shared note', t), base: { body: null } }]);
    // Neither device has seen the other's edit; B's clock is ahead of A's.
    expect((await b.push([{ type: 'note', record: id, hlc: stamp('deviceb1', 2000, 0, t), fields: { tags: ['from-b'], updatedAt: t + 2000 } }])).status).toBe(200);
    expect((await a.push([{ type: 'note', record: id, hlc: stamp('devicea1', 1000, 0, t), fields: { entities: ['nvidia'], updatedAt: t + 1000 } }])).status).toBe(200);
    // A stale write of tags (an older stamp) loses to B's.
    expect((await a.push([{ type: 'note', record: id, hlc: stamp('devicea1', 1500, 0, t), fields: { tags: ['stale'] } }])).status).toBe(200);
    const fromA = latest((await a.pullAll()).changes).get(`note/${id}`)!;
    const fromB = latest((await b.pullAll()).changes).get(`note/${id}`)!;
    expect(fromA).toEqual(fromB);
    expect(fromA.fields).toMatchObject({ body: 'shared note', tags: ['from-b'], entities: ['nvidia'], updatedAt: t + 2000 });
    expect(fromA.clock.tags).toBe(stamp('deviceb1', 2000, 0, t));
    expect(fromA.clock.entities).toBe(stamp('devicea1', 1000, 0, t));
  });

  it('keeps the losing text of concurrent edits of one note as a revision that pull returns, in either arrival order', async () => {
    for (const laterArrivesFirst of [true, false]) {
      const a = await fresh();
      const b = new Client(a.url, a.token);
      const id = newId();
      const t = Date.now();
      const h0 = stamp('devicea2', 0, 0, t);
      await a.push([{ type: 'note', record: id, hlc: h0, fields: newNote('first draft', t), base: { body: null } }]);
      const hA = stamp('devicea2', 1000, 0, t);
      const hB = stamp('deviceb2', 2000, 0, t);
      const editA = () => a.push([{ type: 'note', record: id, hlc: hA, fields: { body: 'text from A' }, base: { body: h0 } }]);
      const editB = () => b.push([{ type: 'note', record: id, hlc: hB, fields: { body: 'text from B' }, base: { body: h0 } }]);
      if (laterArrivesFirst) {
        expect((await editB()).status).toBe(200);
        expect((await editA()).status).toBe(200);
      } else {
        expect((await editA()).status).toBe(200);
        expect((await editB()).status).toBe(200);
      }
      const seenByA = latest((await a.pullAll()).changes);
      const seenByB = latest((await b.pullAll()).changes);
      expect([...seenByA.entries()]).toEqual([...seenByB.entries()]);
      // The later stamp wins; A's text is kept, whichever arrived first.
      expect(seenByA.get(`note/${id}`)!.fields.body).toBe('text from B');
      const revision = seenByA.get(`revision/${revisionId('note', id, hA)}`);
      expect(revision, `revision missing (later arrives first: ${laterArrivesFirst})`).toBeDefined();
      expect(revision!.fields).toMatchObject({ targetType: 'note', targetId: id, field: 'body', value: 'text from A', hlc: hA, deleted: false });
      expect(checkRecord('revision', { id: revision!.record, ...revision!.fields }).ok).toBe(true);
      // Only the one losing text: the first draft was replaced in order, not concurrently.
      expect([...seenByA.keys()].filter((k) => k.startsWith('revision/'))).toHaveLength(1);
    }
  });

  it('keeps deletes as tombstones that an older write cannot undo', async () => {
    const c = await fresh();
    const id = newId();
    const t = Date.now();
    await c.push([{ type: 'note', record: id, hlc: stamp('device03', 0, 0, t), fields: newNote('to be deleted', t) }]);
    const { cursor } = await c.pullAll();
    await c.push([{ type: 'note', record: id, hlc: stamp('device03', 1000, 0, t), fields: { deleted: true, updatedAt: t + 1000 } }]);
    await c.push([{ type: 'note', record: id, hlc: stamp('otherdev', 500, 0, t), fields: { deleted: false } }]);
    const after = await c.pullAll(cursor);
    expect(after.changes).toHaveLength(1);
    expect(after.changes[0]!.fields).toMatchObject({ deleted: true, body: 'to be deleted' });
    // A tombstone for a record this server never saw is kept too, so every device learns of it.
    const ghost = newId();
    await c.push([{ type: 'note', record: ghost, hlc: stamp('device03', 2000, 0, t), fields: { deleted: true } }]);
    const all = latest((await c.pullAll()).changes);
    expect(all.get(`note/${ghost}`)!.fields).toEqual({ deleted: true });
  });

  it('pages a long pull with `more` and cursors, in sequence order, each record once', async () => {
    const c = await fresh();
    const total = PULL_PAGE_SIZE * 2 + 200;
    for (let start = 0; start < total; start += 400) {
      const batch = Array.from({ length: Math.min(400, total - start) }, (_, k) => {
        const i = start + k;
        return { type: 'mute' as const, record: `e${i}`, hlc: stamp('device04', 0, i), fields: { entity: `e${i}`, deleted: false } };
      });
      expect((await c.push(batch)).status).toBe(200);
    }
    const pages: { n: number; cursor: string; more: boolean }[] = [];
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const r = await c.pull(cursor);
      expect(r.status).toBe(200);
      pages.push({ n: r.body.changes.length, cursor: r.body.cursor, more: r.body.more });
      seen.push(...r.body.changes.map((ch) => ch.record));
      cursor = r.body.cursor;
      if (!r.body.more) break;
    }
    expect(pages).toEqual([
      { n: PULL_PAGE_SIZE, cursor: String(PULL_PAGE_SIZE), more: true },
      { n: PULL_PAGE_SIZE, cursor: String(PULL_PAGE_SIZE * 2), more: true },
      { n: 200, cursor: String(total), more: false },
    ]);
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => `e${i}`));
    // Nothing new: the same cursor comes back.
    expect((await c.pull(cursor)).body).toEqual({ changes: [], cursor: String(total), more: false });
    // A change to an early record moves it past the cursor.
    await c.push([{ type: 'mute', record: 'e7', hlc: stamp('device04', 1000), fields: { deleted: true } }]);
    const next = await c.pull(cursor);
    expect(next.body.changes.map((ch) => ch.record)).toEqual(['e7']);
    expect(next.body.cursor).toBe(String(total + 1));
    // From the beginning, e7 now comes last, once.
    const all = await c.pullAll();
    expect(all.changes).toHaveLength(total);
    expect(all.changes.at(-1)!.record).toBe('e7');
  });

  it('ends a page early when its data would pass the size limit, never splitting a record', async () => {
    const c = await fresh();
    const packSize = 3 * 1024 * 1024;
    for (const name of ['pack-one', 'pack-two', 'pack-three']) {
      const json = JSON.stringify({ name, filler: 'x'.repeat(packSize) });
      const r = await c.push([{ type: 'pack', record: name, hlc: stamp('device05'), fields: { json, version: '1', name, createdAt: 1, updatedAt: 1, deleted: false } }]);
      expect(r.status, JSON.stringify(r.body).slice(0, 200)).toBe(200);
    }
    const first = await c.pull();
    expect(first.body.changes.map((ch) => ch.record)).toEqual(['pack-one', 'pack-two']);
    expect(first.body.more).toBe(true);
    const second = await c.pull(first.body.cursor);
    expect(second.body.changes.map((ch) => ch.record)).toEqual(['pack-three']);
    expect(second.body.more).toBe(false);
    expect(MAX_REQUEST_BYTES).toBeLessThan(packSize * 3);
  });

  it('refuses malformed pushes with 400 and the reason, and writes nothing', async () => {
    const c = await fresh();
    const ok = (i: number) => ({ type: 'mute' as const, record: `m${i}`, hlc: stamp('device06', 0, i), fields: { entity: `m${i}`, deleted: false } });
    const cases: [string, string, RegExp][] = [
      ['not JSON', '{"protocol":1,', /not JSON/],
      ['empty body', '', /not JSON/],
      ['an array', '[]', /./],
      ['no protocol', JSON.stringify({ clientId: c.clientId, mutations: [] }), /protocol/],
      ['another protocol', JSON.stringify({ protocol: 2, clientId: c.clientId, mutations: [] }), /protocol must be 1/],
      ['a bad client id', JSON.stringify({ protocol: 1, clientId: 'NO', mutations: [] }), /clientId/],
      ['an unknown type', JSON.stringify(c.body([{ ...ok(1), id: 1, type: 'secret' as 'mute' }])), /mutations\[0\]: type: is not a record type/],
      ['a bad note id', JSON.stringify(c.body([{ id: 1, type: 'note', record: 'x', hlc: stamp('device06'), fields: { body: 'hi' } }])), /^mutations\[0\]: note "x": id: must be a note id/],
      [
        'a note too long, last in the push',
        JSON.stringify(c.body([ok(1), ok(2), ok(3)].map((m, i) => ({ ...m, id: i + 1 })).concat([{ id: 4, type: 'note', record: newId(), hlc: stamp('device06'), fields: { body: 'x'.repeat(20_001) } } as never]))),
        /^mutations\[3\]: note "[0-9a-z]{26}": body: a note is at most 20,000 characters$/,
      ],
      ['an unknown field', JSON.stringify(c.body([{ ...ok(1), id: 1, fields: { entity: 'm1', secret: 1 } }])), /^mutations\[0\]: mute "m1": secret: is not a field of mute$/],
      ['no fields', JSON.stringify(c.body([{ ...ok(1), id: 1, fields: {} }])), /a mutation sets at least one field/],
      ['ids out of order', JSON.stringify(c.body([{ ...ok(1), id: 2 }, { ...ok(2), id: 1 }])), /mutations\[1\]\.id: ids must increase/],
      ['a bad clock stamp', JSON.stringify(c.body([{ ...ok(1), id: 1, hlc: 'yesterday' }])), /mutations\[0\]: hlc: must be a clock stamp/],
      ['a clock two days ahead', JSON.stringify(c.body([{ ...ok(1), id: 1 }, { ...ok(2), id: 2, hlc: stamp('device06', 2 * MAX_CLOCK_SKEW_MS) }])), /mutations\[1\]\.hlc: clock stamp is 48\.0 hours ahead/],
      ['a field that must match the id', JSON.stringify(c.body([{ ...ok(1), id: 1, fields: { entity: 'other' } }])), /entity: must be the same as the record's id/],
    ];
    for (const [what, body, reason] of cases) {
      const r = await c.pushRaw(body);
      expect(r.status, what).toBe(400);
      expect(r.body.error, what).toMatch(reason);
    }
    const notUtf8 = await fetch(`${c.url}/v1/push`, { method: 'POST', headers: c.headers(), body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) });
    expect(notUtf8.status).toBe(400);
    expect(((await notUtf8.json()) as { error: string }).error).toMatch(/UTF-8/);
    // Nothing was written, and the client's mutation ids were not consumed.
    expect(await c.pull()).toMatchObject({ status: 200, body: { changes: [], cursor: '0', more: false } });
    expect((await c.push([{ ...ok(1), id: 1 }])).body).toEqual({ lastMutationId: 1, applied: 1 });
  });

  it('lets the user commands write while pushes are being applied', async () => {
    const busy = await fresh();
    let stop = false;
    const pushing = (async () => {
      let n = 0;
      while (!stop) {
        const r = await busy.push(Array.from({ length: 20 }, (_, i) => ({ type: 'mute' as const, record: `busy-${n}-${i}`, hlc: stamp('busydev1', 0, n * 20 + i), fields: { entity: `busy-${n}-${i}` } })));
        expect(r.status).toBe(200);
        n++;
      }
      return n;
    })();
    const added: string[] = [];
    for (let i = 0; i < 8; i++) added.push(await addUser(place));
    stop = true;
    const pushes = await pushing;
    expect(pushes).toBeGreaterThan(0);
    for (const token of added) expect((await new Client(server.url, token).pull()).status).toBe(200);
  });

  it('refuses a bad cursor with 400', async () => {
    const c = await fresh();
    for (const cursor of ['abc', '-1', '1.5', '01', '99999999999999999999', '']) {
      const r = await c.pull(cursor);
      expect(r.status, `cursor ${JSON.stringify(cursor)}`).toBe(400);
      expect(r.body.error).toMatch(/cursor/);
    }
  });

  it('refuses a body over the size limit (by Content-Length and by counting) and a batch too big with 413, writing nothing', async () => {
    const c = await fresh();
    const big = JSON.stringify({ ...c.body([]), padding: 'x'.repeat(MAX_REQUEST_BYTES) });
    const declared = await c.pushRaw(big);
    expect(declared.status).toBe(413);
    expect(declared.body.error).toMatch(/too large/);
    // Streamed without a Content-Length: the server counts while reading.
    const chunk = new TextEncoder().encode('x'.repeat(1024 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 10) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await fetch(`${c.url}/v1/push`, { method: 'POST', headers: c.headers(), body: stream, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(streamed.headers.get('content-length')).not.toBeNull();
    const batch = Array.from({ length: MAX_PUSH_MUTATIONS + 1 }, (_, i) => ({ type: 'mute' as const, record: `b${i}`, hlc: stamp('device07', 0, i), fields: { entity: `b${i}` } }));
    const tooMany = await c.push(batch);
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.error).toMatch(/too many mutations: 501 in one push, at most 500/);
    expect((await c.pull()).body.changes).toEqual([]);
  });
});

describe.each(BACKENDS)('rate limit on %s', (backend) => {
  let place: Place;
  let server: ServerProcess;
  beforeAll(async () => {
    place = await createPlace(backend);
    server = await startServer(place, ['--rate', '3']);
  });
  afterAll(async () => {
    await server?.stop();
    await place?.drop();
  });

  it('answers 429 with Retry-After past the rate of a token, and leaves other tokens alone', async () => {
    const busy = new Client(server.url, await addUser(place));
    const statuses: number[] = [];
    let refused: Awaited<ReturnType<Client['pull']>> | undefined;
    for (let i = 0; i < 6; i++) {
      const r = await busy.pull();
      statuses.push(r.status);
      if (r.status === 429) refused ??= r;
    }
    // A bucket of 3 refills one request every 20 s: the first three pass, the rest do not.
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused!.body.error).toMatch(/too many requests/);
    const calm = new Client(server.url, await addUser(place));
    expect((await calm.pull()).status).toBe(200);
    expect((await new Client(server.url, undefined).request('GET', '/v1/health')).status).toBe(200);
  });
});
