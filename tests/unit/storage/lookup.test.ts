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
