// Upgrading a real version-1 database (the schema Gloss 0.1 shipped) with data in every
// table: after opening it with today's schema everything is still there, in its new place.
import Dexie from 'dexie';
import { afterEach, expect, it } from 'vitest';
import { GlossDatabase } from '../../../storage/db';

const NAME = 'gloss-upgrade-test';

async function makeVersion1(): Promise<void> {
  const v1 = new Dexie(NAME);
  v1.version(1).stores({
    packs: '&id, origin',
    entities: '&id, packId, kind',
    events: '&id, packId, date, *entities',
    edits: '&entityId',
    sightings: '[url+entity], url, entity, lastSeen',
    kv: '&key',
  });
  await v1.open();
  await v1.table('packs').put({ id: 'gloss-core', version: '1.0.0', name: 'Core', origin: 'bundled', contexts: {}, entityCount: 2, eventCount: 1, installedAt: 1, updatedAt: 1 });
  await v1.table('entities').bulkPut([
    { id: 'h20', packId: 'gloss-core', kind: 'chip', names: { en: 'H20' }, summary: { en: 'A chip.' }, aliases: [{ text: 'H20', lang: 'en' }], facts: [], related: [], sources: [] },
    { id: 'nvidia', packId: 'gloss-core', kind: 'company', names: { en: 'Nvidia' }, summary: { en: 'A company.' }, aliases: [{ text: 'Nvidia', lang: 'en' }], facts: [], related: [], sources: [] },
  ]);
  await v1.table('events').put({ id: 'e1', packId: 'gloss-core', date: '2025-04-09', title: { en: 'Licence required' }, status: 'confirmed', entities: ['h20'], sources: [] });
  await v1.table('edits').bulkPut([
    { entityId: 'nvidia', muted: true, updatedAt: 1_700_000_000_000 },
    { entityId: 'h20', note: 'Ask about the April filing.', updatedAt: 1_700_000_100_000 },
    { entityId: 'qwen', muted: false, note: '   ', updatedAt: 1_700_000_200_000 },
  ]);
  await v1.table('sightings').bulkPut([
    { url: 'https://news.example/a?utm_source=x', entity: 'h20', count: 2, title: 'A (old visit)', lastSeen: 100 },
    { url: 'https://news.example/a?ref=y#c', entity: 'h20', count: 3, title: 'A', lastSeen: 200 },
    { url: 'https://other.example/b', entity: 'nvidia', count: 1, title: 'B', lastSeen: 150 },
  ]);
  await v1.table('kv').put({ key: 'dictionary', value: { signature: 'sig', id: 'd1', encoded: 'xyz' } });
  v1.close();
}

afterEach(async () => {
  await Dexie.delete(NAME);
});

it('upgrades a version-1 database with data in every table and loses nothing', async () => {
  await makeVersion1();
  const db = new GlossDatabase(NAME);
  await db.open();
  expect(db.verno).toBe(2);

  // Knowledge and cache are untouched.
  expect((await db.packs.toArray()).map((p) => p.id)).toEqual(['gloss-core']);
  expect((await db.entities.toArray()).map((e) => e.id).sort()).toEqual(['h20', 'nvidia']);
  // Entities can be looked up by name from the index the upgrade filled.
  expect(await db.entities.where('lookup').startsWith('nvid').primaryKeys()).toEqual(['nvidia']);
  expect((await db.events.where('entities').equals('h20').toArray()).map((e) => e.id)).toEqual(['e1']);
  expect((await db.kv.get('dictionary'))?.value).toEqual({ signature: 'sig', id: 'd1', encoded: 'xyz' });

  // Edits became a mute and an entity note, as records that sync, each queued in the outbox.
  const mutes = await db.mutes.toArray();
  expect(mutes).toHaveLength(1);
  expect(mutes[0]).toMatchObject({ id: 'nvidia', entity: 'nvidia', deleted: false, createdAt: 1_700_000_000_000 });
  expect(Object.keys(mutes[0]!.clock).sort()).toEqual(['createdAt', 'deleted', 'entity', 'updatedAt']);
  const notes = await db.entityNotes.toArray();
  expect(notes).toEqual([expect.objectContaining({ id: 'h20', entity: 'h20', body: 'Ask about the April filing.', deleted: false })]);
  const outbox = await db.outbox.toArray();
  expect(outbox.map((o) => [o.type, o.record])).toEqual([
    ['entityNote', 'h20'],
    ['mute', 'nvidia'],
  ]);
  const device = (await db.kv.get('device'))?.value as string;
  expect(device).toMatch(/^[0-9a-f]{16}$/);
  expect(outbox.every((o) => o.device === device && o.hlc.endsWith(`:${device}`))).toBe(true);
  expect(db.tables.map((t) => t.name)).not.toContain('edits');

  // Sightings keep no query string or fragment; two visits of one article merged (latest kept).
  const sightings = await db.sightings.orderBy('url').toArray();
  expect(sightings).toEqual([
    { url: 'https://news.example/a', entity: 'h20', count: 3, title: 'A', lastSeen: 200, site: 'news.example' },
    { url: 'https://other.example/b', entity: 'nvidia', count: 1, title: 'B', lastSeen: 150, site: 'other.example' },
  ]);
  db.close();
});

it('an edit that cannot become a record (a corrupt row) is left out without stopping the upgrade', async () => {
  await makeVersion1();
  const v1 = new Dexie(NAME);
  v1.version(1).stores({ edits: '&entityId' });
  await v1.open();
  await v1.table('edits').put({ entityId: 'Not An Id', muted: true, updatedAt: 5 });
  v1.close();

  const db = new GlossDatabase(NAME);
  await db.open();
  expect((await db.mutes.toArray()).map((m) => m.id)).toEqual(['nvidia']);
  expect((await db.entityNotes.toArray()).map((m) => m.id)).toEqual(['h20']);
  db.close();
});

it('moves what the user’s imported packs brought into the user’s id space, references and edits included', async () => {
  await makeVersion1();
  const v1 = new Dexie(NAME);
  v1.version(1).stores({ packs: '&id, origin', entities: '&id, packId, kind', events: '&id, packId, date, *entities', edits: '&entityId', sightings: '[url+entity], url, entity, lastSeen' });
  await v1.open();
  await v1.table('packs').put({ id: 'desk', version: '1.0', name: 'Desk', origin: 'imported', contexts: { desk: ['fab'] }, entityCount: 2, eventCount: 1, installedAt: 1, updatedAt: 1 });
  await v1.table('entities').bulkPut([
    { id: 'acme', packId: 'desk', kind: 'company', names: { en: 'Acme' }, summary: { en: 'A company.' }, aliases: [{ text: 'Acme', lang: 'en' }], facts: [], related: [{ entity: 'nvidia', relation: 'rival' }], sources: [] },
    { id: 'x1', packId: 'desk', kind: 'chip', names: { en: 'X1' }, summary: { en: 'A chip.' }, aliases: [{ text: 'X1', lang: 'en', requires: ['entity:acme+context:desk', 'entity:nvidia'] }], facts: [], related: [{ entity: 'acme', relation: 'maker' }], sources: [] },
  ]);
  await v1.table('events').put({ id: 'd-e1', packId: 'desk', date: '2026-01-02', title: { en: 'X1 shipped' }, status: 'confirmed', entities: ['x1', 'acme', 'h20'], sources: [] });
  await v1.table('edits').put({ entityId: 'x1', muted: true, updatedAt: 1_700_000_300_000 });
  await v1.table('sightings').put({ url: 'https://news.example/x1?ref=z', entity: 'x1', count: 1, title: 'X1', lastSeen: 300 });
  v1.close();

  const db = new GlossDatabase(NAME);
  await db.open();
  expect((await db.packs.orderBy('id').toArray()).map((p) => [p.id, p.origin])).toEqual([
    ['gloss-core', 'bundled'],
    ['u.desk', 'imported'],
  ]);
  expect((await db.entities.orderBy('id').toArray()).map((e) => [e.id, e.packId])).toEqual([
    ['h20', 'gloss-core'],
    ['nvidia', 'gloss-core'],
    ['u.acme', 'u.desk'],
    ['u.x1', 'u.desk'],
  ]);
  const x1 = await db.entities.get('u.x1');
  expect(x1?.aliases[0]?.requires).toEqual(['entity:u.acme+context:desk', 'entity:nvidia']);
  expect(x1?.related).toEqual([{ entity: 'u.acme', relation: 'maker' }]);
  expect((await db.entities.get('u.acme'))?.related).toEqual([{ entity: 'nvidia', relation: 'rival' }]);
  expect(await db.events.get('u.d-e1')).toMatchObject({ packId: 'u.desk', entities: ['u.x1', 'u.acme', 'h20'] });
  expect((await db.events.where('entities').equals('h20').toArray()).map((e) => e.id).sort()).toEqual(['e1', 'u.d-e1']);
  expect((await db.mutes.toArray()).map((m) => m.id).sort()).toEqual(['nvidia', 'u.x1']);
  expect(await db.sightings.where('entity').equals('u.x1').toArray()).toEqual([
    { url: 'https://news.example/x1', entity: 'u.x1', count: 1, title: 'X1', lastSeen: 300, site: 'news.example' },
  ]);
  // The cached matcher named the old keys: it is rebuilt.
  expect(await db.kv.get('dictionary')).toBeUndefined();
  db.close();
});
