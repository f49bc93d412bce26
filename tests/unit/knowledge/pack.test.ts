import { describe, expect, it } from 'vitest';
import { expandForms, foldString } from '../../../engine';
import { checkPack, describeIssues } from '../../../knowledge/check';
import { corePack } from '../../../knowledge/core';
import { pickText } from '../../../knowledge/localize';
import { packStats } from '../../../knowledge/stats';

const checked = checkPack(corePack);

describe('the bundled pack gloss-core', () => {
  it('validates whole', () => {
    expect(checked.ok, checked.ok ? '' : describeIssues(checked.issues, 30)).toBe(true);
  });

  const pack = checked.ok ? checked.pack : corePack;
  const sources = new Map(pack.sources.map((s) => [s.id, s]));
  const entities = new Map(pack.entities.map((e) => [e.id, e]));

  it('dates every event and sources it over https with a publication date', () => {
    for (const e of pack.events) {
      expect(e.date, e.id).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
      expect(e.sources.length, e.id).toBeGreaterThan(0);
      for (const id of e.sources) {
        const s = sources.get(id);
        expect(s, `${e.id} cites ${id}`).toBeDefined();
        expect(s!.url, id).toMatch(/^https:\/\//);
        expect(s!.published, id).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
      }
    }
  });

  it('resolves every reference', () => {
    for (const e of pack.entities) {
      for (const r of e.related ?? []) expect(entities.has(r.entity), `${e.id} → ${r.entity}`).toBe(true);
      for (const a of e.aliases) for (const req of a.requires ?? []) if (req.startsWith('entity:')) expect(entities.has(req.slice(7)), `${e.id}: ${req}`).toBe(true);
      for (const id of e.sources) expect(sources.has(id), `${e.id} cites ${id}`).toBe(true);
    }
    for (const ev of pack.events) for (const id of ev.entities) expect(entities.has(id), `${ev.id} → ${id}`).toBe(true);
  });

  it('gives no unmarked alias to two entities', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const e of pack.entities) {
      for (const a of e.aliases) {
        if (a.requires) continue;
        for (const form of expandForms(a.text)) {
          const key = foldString(form);
          const other = owner.get(key);
          if (other && other !== e.id) clashes.push(`${form}: ${other} and ${e.id}`);
          owner.set(key, e.id);
        }
      }
    }
    expect(clashes).toEqual([]);
  });

  it('has an English summary for every entity and Greek and Chinese for at least 30', () => {
    for (const e of pack.entities) expect((e.summary.en ?? '').length, e.id).toBeGreaterThan(40);
    const both = pack.entities.filter((e) => e.summary.el && e.summary['zh-Hans']);
    expect(both.length).toBeGreaterThanOrEqual(30);
  });

  it('covers what the product needs, in seven languages', () => {
    const stats = packStats([pack]);
    expect(stats.entities.rule).toBeGreaterThanOrEqual(25);
    expect(stats.entities.chip).toBeGreaterThanOrEqual(20);
    expect((stats.entities.company ?? 0) + (stats.entities.org ?? 0)).toBeGreaterThanOrEqual(20);
    expect(stats.entities.model).toBeGreaterThanOrEqual(8);
    expect(stats.entities.person).toBeGreaterThanOrEqual(6);
    expect(stats.entities.place).toBeGreaterThanOrEqual(5);
    expect(stats.events).toBeGreaterThanOrEqual(80);
    expect(stats.eventsWithSource).toBe(stats.events);
    for (const lang of ['en', 'el', 'zh-Hans', 'zh-Hant', 'ja', 'de', 'fr', 'es']) expect(stats.aliasLanguages[lang] ?? 0, lang).toBeGreaterThan(20);
    for (const id of ['bis', 'cac', 'mofcom']) expect(entities.has(id), id).toBe(true);
  });

  it('rests the five items an outside check found weak on sources with their own reporting', () => {
    const strong = (ids: readonly string[] | undefined) => (ids ?? []).some((id) => sources.get(id) && !sources.get(id)!.aggregator);
    for (const id of ['2026-05-31-bis-china-subsidiaries-guidance', '2025-04-16-amd-mi308-charge', '2025-01-27-nvidia-deepseek-selloff']) {
      expect(strong(pack.events.find((e) => e.id === id)?.sources), id).toBe(true);
    }
    expect(entities.get('china-h20-guidance')!.facts!.every((f) => strong(f.sources))).toBe(true);
    expect(entities.get('b200')!.facts!.every((f) => strong(f.sources))).toBe(true);
    expect([...sources.values()].filter((s) => s.aggregator).length).toBeGreaterThan(20);
  });

  it('names the diffusion rule in Greek with one word', () => {
    const greek = JSON.stringify(pack.entities.map((e) => e.summary.el ?? '')) + JSON.stringify(pack.events.map((e) => [e.title.el, e.summary?.el]));
    expect(greek).not.toMatch(/διάχυσ/);
    expect(greek).toMatch(/διάδοσ/);
  });

  it('keeps marked-unconfirmed claims out', () => {
    const text = JSON.stringify(pack).toLowerCase();
    for (const claim of ['no. 72', 'fined us$1', 'ascend 920']) expect(text.includes(claim), claim).toBe(false);
  });
});

describe('choosing the language of a text', () => {
  const texts = { en: 'English', el: 'Ελληνικά', 'zh-Hans': '简体', 'zh-Hant': '繁體' };
  it('uses the browser language when the pack has it, else English', () => {
    expect(pickText(texts, 'el-GR')).toEqual({ text: 'Ελληνικά', lang: 'el' });
    expect(pickText(texts, 'zh-CN')).toEqual({ text: '简体', lang: 'zh-Hans' });
    expect(pickText(texts, 'zh-TW')).toEqual({ text: '繁體', lang: 'zh-Hant' });
    expect(pickText(texts, 'de-DE')).toEqual({ text: 'English', lang: 'en' });
    expect(pickText({ en: 'English', 'zh-Hans': '简体' }, 'zh-HK')).toEqual({ text: '简体', lang: 'zh-Hans' });
  });
});

describe('checking a pack', () => {
  const base = {
    pack: { format: 1, id: 'newsroom', version: '1.0.0', name: 'Newsroom' },
    contexts: { export: ['export'], chips: ['chip'] },
    entities: [
      {
        id: 'acme-licence',
        kind: 'rule',
        names: { en: 'Acme licence' },
        summary: { en: 'A licence.' },
        aliases: [{ text: 'licence', lang: 'en', requires: ['context:export+context:chips'] }],
        facts: [{ text: { en: 'A fact.' }, sources: ['blog'] }],
        sources: ['paper'],
      },
    ],
    events: [{ id: 'e1', date: '2025-01-02', title: { en: 'Something' }, entities: ['acme-licence'], sources: ['blog'] }],
    sources: [
      { id: 'paper', url: 'https://paper.example/a', publisher: 'Paper', published: '2025-01-02' },
      { id: 'blog', url: 'https://blog.example/b', publisher: 'Blog', published: '2025-01-02', aggregator: true },
    ],
  };

  it('refuses events and facts that rest only on aggregators, naming each', () => {
    const result = checkPack(base);
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.issues.map((i) => i.path);
    expect(paths).toEqual(['events[0].sources', 'entities[0].facts[0].sources']);
  });

  it('accepts them once another source reports them itself', () => {
    const fixed = structuredClone(base);
    fixed.events[0]!.sources.push('paper');
    fixed.entities[0]!.facts[0]!.sources.push('paper');
    expect(checkPack(fixed).ok).toBe(true);
  });

  it('checks every condition of a requirement joined with "+"', () => {
    const broken = structuredClone(base);
    broken.events[0]!.sources = ['paper'];
    broken.entities[0]!.facts[0]!.sources = ['paper'];
    broken.entities[0]!.aliases[0]!.requires = ['context:export+context:nope'];
    const result = checkPack(broken);
    expect(result.ok ? [] : result.issues.map((i) => `${i.path}: ${i.message}`)).toEqual(['entities[0].aliases[0].requires[0]: unknown context "nope"']);
  });
});
