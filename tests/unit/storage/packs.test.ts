import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../storage/db';
import { getEntity, getEntityNote, mutedEntities, setEntityNote, setMuted } from '../../../storage/entities';
import { timeline } from '../../../storage/events';
import { currentDictionary, MAX_MATCHER_BYTES } from '../../../storage/dictionary';
import { ensureBundledPacks, importPack, listPacks, privateEntities, removePack, setPackPrivate } from '../../../storage/packs';
import { recordSightings, sightingsOf } from '../../../storage/sightings';
import { decodeDictionary, findMentions, Matcher } from '../../../engine';
import type { Pack } from '../../../knowledge/schema';
import { corePack as realCorePack } from '../../../knowledge/core';

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
    expect(await ensureBundledPacks([corePack('1.0.0')])).toEqual({ installed: ['gloss-core'], updated: [], unchanged: [], failed: [] });
    const h20 = await getEntity('h20');
    expect(h20?.sources).toEqual([{ url: 'https://example.com/h20', publisher: 'Example', published: '2025-04-15' }]);
    expect(h20?.facts[0]?.sources[0]?.url).toBe('https://example.com/h20');
    expect((await timeline('h20')).map((e) => [e.id, e.status])).toEqual([
      ['e2', 'reported'],
      ['e1', 'confirmed'],
    ]);
  });

  it('installs the pack Gloss ships: its ids keep clear of the user’s space and its matcher fits', async () => {
    expect(await ensureBundledPacks([realCorePack])).toMatchObject({ installed: ['gloss-core'], failed: [] });
    expect((await currentDictionary()).encoded.length).toBeLessThan(MAX_MATCHER_BYTES / 8);
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
    expect(await getEntity('u.acme-chip')).toBeDefined();
    expect((await timeline('nvidia')).map((e) => e.id)).toEqual(['u.n-e1', 'e1']);
    expect((await sightingsOf('h20')).map((s) => s.url)).toEqual(['https://news.example/a']);
    expect((await listPacks()).map((p) => [p.id, p.version, p.origin])).toEqual([
      ['gloss-core', '1.1.0', 'bundled'],
      ['u.newsroom', '1.0', 'imported'],
    ]);
  });
});

describe('importing a pack', () => {
  beforeEach(async () => {
    await ensureBundledPacks([corePack('1.0.0')]);
  });

  it('imports a valid pack whose events and relations point into the core pack', async () => {
    const result = await importPack(newsroomPack());
    expect(result).toMatchObject({ ok: true, replaced: false, pack: { id: 'u.newsroom', origin: 'imported', entityCount: 1, eventCount: 1 } });
    // Its own ids are kept in the user's space; references to Gloss's entities stay as they are.
    expect(await getEntity('u.acme-chip')).toMatchObject({ packId: 'u.newsroom', related: [{ entity: 'nvidia', relation: 'rival' }] });
    expect((await timeline('u.acme-chip')).map((e) => [e.id, e.entities])).toEqual([['u.n-e1', ['u.acme-chip', 'nvidia']]]);
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

  it('refuses hostile text and addresses whole: bidi overrides, control characters, non-https sources, enormous or nested values', async () => {
    type Hostile = {
      pack: Record<string, unknown>;
      entities: { names: Record<string, unknown>; summary: Record<string, unknown>; aliases: { text: unknown }[] }[];
      sources: { url: unknown; publisher: unknown }[];
    };
    const cases: [string, (p: Hostile) => void, RegExp][] = [
      ['RLO in a name', (p) => (p.entities[0]!.names.en = 'Acme \u202Eexe.1X'), /^entities\[0\]\.names\.en$/],
      ['isolate in a publisher', (p) => (p.sources[0]!.publisher = 'Reuters\u2067 fake'), /^sources\[0\]\.publisher$/],
      ['LRE in a summary', (p) => (p.entities[0]!.summary.en = '\u202Asummary'), /^entities\[0\]\.summary\.en$/],
      ['NUL in the pack name', (p) => (p.pack.name = 'News\u0000room'), /^pack\.name$/],
      ['escape in an alias', (p) => (p.entities[0]!.aliases[0]!.text = 'Acme\u001b[31mX1'), /^entities\[0\]\.aliases\[0\]\.text$/],
      ['javascript: source', (p) => (p.sources[0]!.url = 'javascript:alert(1)'), /^sources\[0\]\.url$/],
      ['data: source', (p) => (p.sources[0]!.url = 'data:text/html,<script>alert(1)</script>'), /^sources\[0\]\.url$/],
      ['http: source', (p) => (p.sources[0]!.url = 'http://newsroom.example/x1'), /^sources\[0\]\.url$/],
      ['enormous summary', (p) => (p.entities[0]!.summary.en = 'x'.repeat(5_000_000)), /^entities\[0\]\.summary\.en$/],
      ['nested name', (p) => (p.entities[0]!.names.en = JSON.parse('['.repeat(10_000) + ']'.repeat(10_000))), /^entities\[0\]\.names\.en$/],
      ['prototype key', (p) => (p.pack = JSON.parse(`{"__proto__": {"private": true}, ${JSON.stringify(p.pack).slice(1)}`)), /^pack(\.__proto__)?$/],
    ];
    const before = await snapshot();
    for (const [what, spoil, path] of cases) {
      const pack = newsroomPack() as Hostile;
      spoil(pack);
      const result = await importPack(pack);
      expect(result.ok, what).toBe(false);
      if (!result.ok) expect(result.issues.map((i) => i.path), what).toContainEqual(expect.stringMatching(path));
    }
    expect(await snapshot()).toEqual(before);
    // Right-to-left text itself is welcome.
    const rtl = newsroomPack() as Hostile;
    rtl.entities[0]!.names = { en: 'Acme X1', ar: 'أكمي إكس 1' };
    expect((await importPack(rtl)).ok).toBe(true);
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

  it('refuses to reuse an id or an alias of another of the user’s packs, or an alias of Gloss’s', async () => {
    expect((await importPack(newsroomPack())).ok).toBe(true);
    const second = newsroomPack() as { pack: { id: string }; entities: { aliases: { text: string }[] }[]; events: { id: string }[] };
    second.pack.id = 'second-desk';
    second.entities[0]!.aliases[0]!.text = 'Acme X2';
    second.events[0]!.id = 'n-e2';
    const r1 = await importPack(second);
    expect(r1.ok ? [] : r1.issues).toContainEqual({ path: 'entities[0].id', message: 'id "acme-chip" already belongs to pack "newsroom"' });
    const pack2 = newsroomPack() as { pack: { id: string }; entities: { id: string; aliases: { text: string }[] }[]; events: { id: string; entities: string[] }[] };
    pack2.pack.id = 'third-desk';
    pack2.entities[0]!.id = 'other-chip';
    pack2.events[0]!.id = 'n-e3';
    pack2.events[0]!.entities = ['other-chip'];
    pack2.entities[0]!.aliases[0]!.text = 'NVIDIA';
    const r2 = await importPack(pack2);
    expect(r2).toMatchObject({ ok: false, issues: [{ path: 'entities[0].aliases[0].text', message: expect.stringContaining('already names entity "nvidia"') }] });
  });

  it('keeps a user’s pack apart from Gloss’s own: the same pack id installs beside it, a lower version is refused', async () => {
    const same = newsroomPack() as { pack: { id: string }; entities: { id: string; aliases: { text: string }[] }[]; events: { id: string; entities: string[] }[] };
    same.pack.id = 'gloss-core';
    same.entities[0]!.id = 'desk-chip';
    same.entities[0]!.aliases[0]!.text = 'Desk X1';
    same.events[0]!.id = 'd-e1';
    same.events[0]!.entities = ['desk-chip'];
    expect(await importPack(same)).toMatchObject({ ok: true, pack: { id: 'u.gloss-core', origin: 'imported' } });
    expect(await db.packs.get('gloss-core')).toMatchObject({ origin: 'bundled', version: '1.0.0', entityCount: 2 });
    expect((await importPack(newsroomPack('2.0'))).ok).toBe(true);
    expect(await importPack(newsroomPack('1.5'))).toMatchObject({ ok: false, issues: [{ path: 'pack.version' }] });
    expect(await importPack(newsroomPack('2.1'))).toMatchObject({ ok: true, replaced: true });
  });

  it('keeps a pack private when its file or the user asks, across updates, and names its entities', async () => {
    expect((await importPack(newsroomPack())).ok).toBe(true);
    expect(await privateEntities()).toEqual([]);
    await setPackPrivate('newsroom', true);
    expect(await privateEntities()).toEqual(['u.acme-chip']);
    expect((await importPack(newsroomPack('1.1'))).ok).toBe(true);
    expect(await privateEntities()).toEqual(['u.acme-chip']);
    await setPackPrivate('newsroom', false);
    expect(await privateEntities()).toEqual([]);
    const asked = newsroomPack('1.2') as { pack: { private?: boolean } };
    asked.pack.private = true;
    expect((await importPack(asked)).ok).toBe(true);
    expect(await privateEntities()).toEqual(['u.acme-chip']);
    await expect(setPackPrivate('gloss-core', true)).rejects.toThrow(/no pack "gloss-core" of yours/);
  });

  it('removes an imported pack with its entities and events, and keeps bundled ones', async () => {
    await importPack(newsroomPack());
    await removePack('newsroom');
    expect(await getEntity('u.acme-chip')).toBeUndefined();
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
    expect(findMentions(new Matcher(decodeDictionary(second.encoded)), 'Acme X1').map((m) => m.entity)).toEqual(['u.acme-chip']);
  });
});

// Hardening (issue 9, items 1-4): what a pack can do to Gloss as a whole.
describe('a pack is accepted or refused whole, and never stops Gloss', () => {
  const ZERO_WIDTH = '\u200B\u200D';
  const COMBINING = '\u0301\u0308';

  /** The matcher pages get still builds and finds what the core pack names. */
  async function highlightingWorks(): Promise<void> {
    const d = await currentDictionary();
    expect(findMentions(new Matcher(decodeDictionary(d.encoded)), 'Nvidia said so.').map((m) => m.entity)).toEqual(['nvidia']);
  }

  beforeEach(async () => {
    await ensureBundledPacks([corePack('1.0.0')]);
    await currentDictionary();
  });

  it.each([
    ['an ambiguous alias', 'entities[0].aliases[1].text', (p: any) => p.entities[0].aliases.push({ text: ZERO_WIDTH, lang: 'en', requires: ['entity:nvidia'] })],
    ['a false friend', 'entities[0].falseFriends[0]', (p: any) => (p.entities[0].falseFriends = [COMBINING])],
    ['a context word', 'contexts.desk[1]', (p: any) => (p.contexts = { desk: ['newsroom', `${ZERO_WIDTH}${COMBINING}`] })],
    ['an inflected form', 'entities[0].aliases[1].text', (p: any) => p.entities[0].aliases.push({ text: `{Q9,${ZERO_WIDTH}}`, lang: 'en', requires: ['entity:nvidia'] })],
  ])('refuses %s that folds to nothing, saying where and why, and highlighting goes on', async (_, path, spoil) => {
    const pack = newsroomPack();
    spoil(pack);
    const before = await snapshot();
    const result = await importPack(pack);
    expect(result).toMatchObject({ ok: false, issues: [{ path, message: expect.stringMatching(/has no letters or digits: only invisible, combining or space characters$/) }] });
    expect(await snapshot()).toEqual(before);
    await highlightingWorks();
  });

  it('refuses a pack whose matcher would not fit in a message to pages, with the limit in words', async () => {
    // 64 forms per alias (six two-way groups), each a long distinct text: about 10,000
    // trie states per alias, so some 60 aliases pass 8 MB.
    const random = (() => {
      let s = 7;
      return () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 16) % 26;
    })();
    const tail = () => Array.from({ length: 150 }, () => String.fromCharCode(97 + random())).join('');
    const pack = newsroomPack() as { entities: { aliases: { text: string; lang: string }[] }[] };
    for (let i = 0; i < 64; i++) pack.entities[0]!.aliases.push({ text: `Q${i}{a,b}{c,d}{e,f}{g,h}{i,j}{k,l} ${tail()}`, lang: 'en' });
    const before = await snapshot();
    const result = await importPack(pack);
    expect(result).toMatchObject({ ok: false, issues: [{ path: '', message: expect.stringMatching(/would take \d+\.\d MB, and at most 8\.0 MB is allowed/) }] });
    expect(await snapshot()).toEqual(before);
    await highlightingWorks();
    // The limit is real: the same pack with fewer aliases goes in.
    pack.entities[0]!.aliases.splice(10);
    expect((await importPack(pack)).ok).toBe(true);
    expect((await currentDictionary()).encoded.length).toBeLessThanOrEqual(MAX_MATCHER_BYTES);
  });

  it('checks and writes in one transaction: of two imports claiming one alias at once, one lands', async () => {
    const a = newsroomPack() as { pack: { id: string } };
    a.pack.id = 'desk-a';
    const b = newsroomPack() as { pack: { id: string }; entities: { id: string }[]; events: { id: string; entities: string[] }[] };
    b.pack.id = 'desk-b';
    b.entities[0]!.id = 'acme-x1-b';
    b.events[0]!.id = 'b-e1';
    b.events[0]!.entities = ['acme-x1-b'];
    const results = await Promise.all([importPack(a), importPack(b)]);
    expect(results.map((r) => r.ok).sort()).toEqual([false, true]);
    const refused = results.find((r) => !r.ok)!;
    expect(refused.ok ? [] : refused.issues).toContainEqual(expect.objectContaining({ message: expect.stringContaining('already names entity') }));
    expect((await listPacks()).map((p) => p.id)).toHaveLength(2);
    const owners = (await db.entities.toArray()).filter((e) => e.aliases.some((al) => al.text === 'Acme X1'));
    expect(owners).toHaveLength(1);
  });

  it('a bundled update whose ids collide with the user’s pack installs beside it, and start-up goes on', async () => {
    expect((await importPack(newsroomPack())).ok).toBe(true);
    await setMuted('u.acme-chip', true);
    // Gloss now ships a pack with the user's pack id and alias, and its core pack gains
    // the user's entity id and event id.
    const clash = corePack('1.0.0') as Pack;
    clash.pack.id = 'newsroom';
    clash.entities = [{ id: 'acme-fab', kind: 'company', names: { en: 'Acme Fab' }, summary: { en: 'A foundry.' }, aliases: [{ text: 'Acme X1', lang: 'en' }], sources: ['s1'] }];
    clash.events = [];
    const update = corePack('1.1.0', 'Updated summary.');
    update.entities.push({ id: 'acme-chip', kind: 'company', names: { en: 'Acme Inc.' }, summary: { en: 'A company.' }, aliases: [{ text: 'Acme Corp', lang: 'en' }], sources: ['s1'] });
    update.events.push({ id: 'n-e1', date: '2026-03-01', title: { en: 'Acme buys a fab' }, entities: ['acme-chip'], sources: ['s1'] });

    expect(await ensureBundledPacks([update, clash])).toEqual({ installed: ['newsroom'], updated: ['gloss-core'], unchanged: [], failed: [] });
    expect((await listPacks()).map((p) => [p.id, p.origin])).toEqual([
      ['gloss-core', 'bundled'],
      ['newsroom', 'bundled'],
      ['u.newsroom', 'imported'],
    ]);
    // Two entities and two events of the same ids, each in its own space; the user's mute still names theirs.
    expect((await getEntity('acme-chip'))?.names.en).toBe('Acme Inc.');
    expect((await getEntity('u.acme-chip'))?.names.en).toBe('Acme X1');
    expect((await timeline('u.acme-chip')).map((e) => e.id)).toEqual(['u.n-e1']);
    expect((await timeline('acme-chip')).map((e) => e.id)).toEqual(['n-e1']);
    expect(await mutedEntities()).toEqual(new Set(['u.acme-chip']));
    const matcher = new Matcher(decodeDictionary((await currentDictionary()).encoded));
    expect(findMentions(matcher, 'Acme Corp and Nvidia').map((m) => m.entity)).toEqual(['acme-chip', 'nvidia']);
  });

  it('a bundled update that cannot be installed leaves the previous version working', async () => {
    const good = await currentDictionary();
    const broken = corePack('2.0.0', 'Broken update.');
    broken.entities[0]!.falseFriends = [ZERO_WIDTH];
    const result = await ensureBundledPacks([broken]);
    expect(result).toMatchObject({ installed: [], updated: [], unchanged: [], failed: [{ id: 'gloss-core', reason: expect.stringContaining('entities[0].falseFriends[0]') }] });
    expect(await db.packs.get('gloss-core')).toMatchObject({ version: '1.0.0' });
    expect((await getEntity('h20'))?.summary.en).toBe('A cut-down data-centre GPU for China.');
    expect((await currentDictionary()).id).toBe(good.id);
    await highlightingWorks();
    // A Gloss whose packs cannot be installed at all still starts.
    await db.delete();
    await db.open();
    expect((await ensureBundledPacks([broken])).failed).toHaveLength(1);
  });
});
