import { afterEach, beforeEach, expect, it } from 'vitest';
import { db } from '../../../storage/db';
import { lookupEntities } from '../../../storage/entities';
import { ensureBundledPacks } from '../../../storage/packs';
import { clearSightings, recordSightings, sightingSites } from '../../../storage/sightings';
import { corePack } from '../../../knowledge/core';

beforeEach(async () => {
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

it('looks entities up by the start of a name, an alias or a word of them, in any script', async () => {
  await ensureBundledPacks([corePack]);
  expect((await lookupEntities('nvid')).map((e) => e.id)).toContain('nvidia');
  expect((await lookupEntities('NVID')).map((e) => e.id)).toContain('nvidia');
  expect((await lookupEntities('diffusion')).map((e) => e.id)).toContain('ai-diffusion-rule');
  expect((await lookupEntities('英伟')).map((e) => e.id)).toContain('nvidia');
  expect(await lookupEntities('n')).toEqual([]);
  expect((await lookupEntities('a', 8)).length).toBe(0);
  expect((await lookupEntities('as', 3)).length).toBeLessThanOrEqual(3);
});

it('counts reading history per site from its indexes, and clears one site', async () => {
  await recordSightings('https://a.example/x?utm=1', 'X', [{ entity: 'h20', count: 2 }], 1000);
  await recordSightings('https://a.example/y', 'Y', [{ entity: 'h20', count: 1 }, { entity: 'nvidia', count: 1 }], 3000);
  await recordSightings('https://www.b.example/z', 'Z', [{ entity: 'h20', count: 1 }], 2000);
  expect(await sightingSites()).toEqual([
    { site: 'a.example', rows: 3, lastSeen: 3000 },
    { site: 'b.example', rows: 1, lastSeen: 2000 },
  ]);
  expect(await clearSightings('a.example')).toBe(3);
  expect((await sightingSites()).map((s) => s.site)).toEqual(['b.example']);
});

it('keeps reading history local unless its sync is chosen; then visits and clearing travel, and another browser’s later visit wins', async () => {
  const { setSightingSettings, applyRemoteSightings, sightingsOf } = await import('../../../storage/sightings');
  // Recent visits: older rows than the retention limit are pruned when settings change.
  const now = Date.now();
  await recordSightings('https://a.example/x', 'X', [{ entity: 'h20', count: 2 }], now - 5000);
  expect(await db.outbox.count()).toBe(0);
  await setSightingSettings({ sync: true });
  expect((await db.outbox.toArray()).map((e) => [e.type, e.record, e.fields.count])).toEqual([['sighting', 'h20|https://a.example/x', 2]]);
  await recordSightings('https://a.example/x?utm_source=y', 'X', [{ entity: 'nvidia', count: 1 }], now - 4000);
  const queued = await db.outbox.where('type').equals('sighting').toArray();
  expect(queued.map((e) => [e.record, e.fields.deleted])).toEqual([
    ['h20|https://a.example/x', true],
    ['nvidia|https://a.example/x', false],
  ]);
  const stamp = '000000000000001:00000:bbbbbbbb22222222';
  const later = { type: 'sighting' as const, record: 'h20|https://b.example/y', fields: { url: 'https://b.example/y', entity: 'h20', count: 3, title: 'Y', lastSeen: now - 1000, createdAt: now - 1000, updatedAt: now - 1000, deleted: false }, clock: { lastSeen: stamp } };
  expect(await applyRemoteSightings([later])).toBe(1);
  expect((await sightingsOf('h20')).map((s) => [s.url, s.count])).toEqual([['https://b.example/y', 3]]);
  expect(await applyRemoteSightings([{ ...later, fields: { ...later.fields, lastSeen: now - 9000, count: 9 } }])).toBe(0);
  expect(await clearSightings('b.example')).toBe(1);
  expect((await db.outbox.where('type').equals('sighting').toArray()).some((e) => e.record === 'h20|https://b.example/y' && e.fields.deleted === true)).toBe(true);
});
