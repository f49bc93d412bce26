import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../storage/db';
import { getEntity, getEntityNote, mutedEntities, setEntityNote, setMuted } from '../../../storage/entities';
import { timeline } from '../../../storage/events';
import { currentDictionary } from '../../../storage/dictionary';
import { ensureBundledPacks, importPack, listPacks, removePack } from '../../../storage/packs';
import { recordSightings, sightingsOf } from '../../../storage/sightings';
import { decodeDictionary, findMentions, Matcher } from '../../../engine';
import type { Pack } from '../../../knowledge/schema';

function corePack(version: string, summary = 'A cut-down data-centre GPU for China.'): Pack {
  return {
    pack: { format: 1, id: 'gloss-core', version, name: 'Core' },
    contexts: { chips: ['chip{,s}'] },
    entities: [
      {
        id: 'nvidia',
        kind: 'company',
        names: { en: 'Nvidia' },
        summary: { en: 'US chip designer.' },
        aliases: [{ text: 'Nvidia', lang: 'en' }],
        sources: ['s1'],
      },
      {
        id: 'h20',
        kind: 'chip',
        names: { en: 'Nvidia H20' },
        summary: { en: summary, el: 'Τσιπ της Nvidia.' },
        aliases: [{ text: 'H20{,s}', lang: ['en', 'el'], requires: ['entity:nvidia', 'context:chips'] }],
        related: [{ entity: 'nvidia', relation: 'maker' }],
        facts: [{ text: { en: '96 GB HBM3' }, sources: ['s1'] }],
        sources: ['s1'],
      },
    ],
    events: [
      { id: 'e1', date: '2025-04-09', title: { en: 'Licence required for H20' }, entities: ['h20', 'nvidia'], sources: ['s1'] },
      { id: 'e2', date: '2025-08', title: { en: 'Licences issued' }, status: 'reported', entities: ['h20'], sources: ['s1'] },
    ],
    sources: [{ id: 's1', url: 'https://example.com/h20', publisher: 'Example', published: '2025-04-15' }],
  };
}

function newsroomPack(version = '1.0'): unknown {
  return {
    pack: { format: 1, id: 'newsroom', version, name: 'Newsroom list' },
    entities: [
      {
        id: 'acme-chip',
        kind: 'chip',
        names: { en: 'Acme X1' },
        summary: { en: 'A chip our desk follows.' },
        aliases: [{ text: 'Acme X1', lang: 'en' }],
        related: [{ entity: 'nvidia', relation: 'rival' }],
        sources: ['n1'],
      },
    ],
    events: [{ id: 'n-e1', date: '2026-01-02', title: { en: 'Acme X1 announced' }, entities: ['acme-chip', 'nvidia'], sources: ['n1'] }],
    sources: [{ id: 'n1', url: 'https://newsroom.example/x1', publisher: 'Newsroom', published: '2026-01-02' }],
  };
}

async function snapshot() {
  return {
    packs: await db.packs.toArray(),
    entities: await db.entities.toArray(),
    events: await db.events.toArray(),
    mutes: await db.mutes.toArray(),
    entityNotes: await db.entityNotes.toArray(),
  };
}

beforeEach(async () => {
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

describe('bundled packs', () => {
  it('installs on first run, with sources resolved into the records', async () => {
    expect(await ensureBundledPacks([corePack('1.0.0')])).toEqual({ installed: ['gloss-core'], updated: [], unchanged: [] });
    const h20 = await getEntity('h20');
    expect(h20?.sources).toEqual([{ url: 'https://example.com/h20', publisher: 'Example', published: '2025-04-15' }]);
    expect(h20?.facts[0]?.sources[0]?.url).toBe('https://example.com/h20');
    expect((await timeline('h20')).map((e) => [e.id, e.status])).toEqual([
      ['e2', 'reported'],
      ['e1', 'confirmed'],
    ]);
  });

  it('leaves an equal or older bundled version alone', async () => {
    await ensureBundledPacks([corePack('1.2.0')]);
    expect(await ensureBundledPacks([corePack('1.2.0')])).toMatchObject({ unchanged: ['gloss-core'] });
    expect(await ensureBundledPacks([corePack('1.1.9', 'older')])).toMatchObject({ unchanged: ['gloss-core'] });
    expect((await getEntity('h20'))?.summary.en).toBe('A cut-down data-centre GPU for China.');
  });

  it('updates to a higher version and keeps the user’s edits, imports and sightings', async () => {
    await ensureBundledPacks([corePack('1.0.0')]);
    await setMuted('nvidia', true);
    await setEntityNote('h20', 'Check the April filing.');
    expect((await importPack(newsroomPack())).ok).toBe(true);
    await recordSightings('https://news.example/a', 'An article', [{ entity: 'h20', count: 3 }]);

    const updated = corePack('1.1.0', 'Updated summary.');
    updated.entities[1]!.aliases.push({ text: 'HGX H20', lang: 'en' });
    updated.events = updated.events.filter((e) => e.id !== 'e2');
    expect(await ensureBundledPacks([updated])).toMatchObject({ updated: ['gloss-core'] });

    expect((await getEntity('h20'))?.summary.en).toBe('Updated summary.');
    expect((await timeline('h20')).map((e) => e.id)).toEqual(['e1']);
    expect(await mutedEntities()).toEqual(new Set(['nvidia']));
    expect((await getEntityNote('h20'))?.body).toBe('Check the April filing.');
    expect(await getEntity('acme-chip')).toBeDefined();
    expect((await timeline('nvidia')).map((e) => e.id)).toEqual(['n-e1', 'e1']);
    expect((await sightingsOf('h20')).map((s) => s.url)).toEqual(['https://news.example/a']);
    expect((await listPacks()).map((p) => [p.id, p.version, p.origin])).toEqual([
      ['gloss-core', '1.1.0', 'bundled'],
      ['newsroom', '1.0', 'imported'],
    ]);
  });
});

describe('importing a pack', () => {
  beforeEach(async () => {
    await ensureBundledPacks([corePack('1.0.0')]);
  });

  it('imports a valid pack whose events and relations point into the core pack', async () => {
    const result = await importPack(newsroomPack());
    expect(result).toMatchObject({ ok: true, replaced: false, pack: { id: 'newsroom', origin: 'imported', entityCount: 1, eventCount: 1 } });
  });

  it('refuses a malformed pack whole, naming the field, and changes nothing', async () => {
    const before = await snapshot();
    const broken = newsroomPack() as { entities: { aliases: { text: string }[] }[]; events: { date: string }[] };
    broken.entities[0]!.aliases[0]!.text = 'Acme {X1';
    broken.events[0]!.date = '2026-02-30';
    const result = await importPack(broken);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'events[0].date', message: 'is not a real calendar date' })]),
    );
    expect(await snapshot()).toEqual(before);
  });

  it('reports cross-reference problems with their paths', async () => {
    const pack = newsroomPack() as { entities: { aliases: { text: string }[]; related: { entity: string }[] }[] };
    pack.entities[0]!.related[0]!.entity = 'no-such-entity';
    pack.entities[0]!.aliases[0]!.text = 'Acme {X1';
    const result = await importPack(pack);
    expect(result).toEqual({
      ok: false,
      issues: [
        { path: 'entities[0].related[0].entity', message: 'unknown entity "no-such-entity"' },
        { path: 'entities[0].aliases[0].text', message: 'unclosed "{" in alias "Acme {X1"' },
      ],
    });
  });

  it('refuses to redefine an entity or an alias another pack has', async () => {
    const pack = newsroomPack() as { entities: { id: string; aliases: { text: string }[] }[] };
    pack.entities[0]!.id = 'nvidia';
    const r1 = await importPack(pack);
    expect(r1).toMatchObject({ ok: false });
    expect(r1.ok ? [] : r1.issues).toContainEqual({ path: 'entities[0].id', message: 'id "nvidia" already belongs to pack "gloss-core"' });
    const pack2 = newsroomPack() as { entities: { aliases: { text: string }[] }[] };
    pack2.entities[0]!.aliases[0]!.text = 'NVIDIA';
    const r2 = await importPack(pack2);
    expect(r2).toMatchObject({ ok: false, issues: [{ path: 'entities[0].aliases[0].text', message: expect.stringContaining('already names entity "nvidia"') }] });
  });

  it('refuses to overwrite a bundled pack or downgrade an imported one', async () => {
    const fake = newsroomPack() as { pack: { id: string } };
    fake.pack.id = 'gloss-core';
    expect(await importPack(fake)).toMatchObject({ ok: false, issues: [{ path: 'pack.id' }] });
    expect((await importPack(newsroomPack('2.0'))).ok).toBe(true);
    expect(await importPack(newsroomPack('1.5'))).toMatchObject({ ok: false, issues: [{ path: 'pack.version' }] });
    expect(await importPack(newsroomPack('2.1'))).toMatchObject({ ok: true, replaced: true });
  });

  it('removes an imported pack with its entities and events, and keeps bundled ones', async () => {
    await importPack(newsroomPack());
    await removePack('newsroom');
    expect(await getEntity('acme-chip')).toBeUndefined();
    expect((await timeline('nvidia')).map((e) => e.id)).toEqual(['e1']);
    await expect(removePack('gloss-core')).rejects.toThrow(/cannot be removed/);
    await expect(removePack('nothing')).rejects.toThrow(/no pack/);
  });
});

describe('compiled dictionary cache', () => {
  it('compiles what is installed and recompiles when a pack changes', async () => {
    await ensureBundledPacks([corePack('1.0.0')]);
    const first = await currentDictionary();
    expect((await currentDictionary()).id).toBe(first.id);
    const matcher = new Matcher(decodeDictionary(first.encoded));
    expect(findMentions(matcher, 'Nvidia H20 chips and Acme X1').map((m) => m.entity)).toEqual(['nvidia', 'h20']);

    await importPack(newsroomPack());
    const second = await currentDictionary();
    expect(second.id).not.toBe(first.id);
    expect(findMentions(new Matcher(decodeDictionary(second.encoded)), 'Acme X1').map((m) => m.entity)).toEqual(['acme-chip']);
  });
});
