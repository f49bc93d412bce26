// Near-words: a short alias inside or across a longer ordinary word must not fire
// (三星 in 三星期 "three weeks"). The mechanism is the pack's false friends, which win
// their span by leftmost-longest match in the same automaton as the aliases. Proven
// here on near-words collected from word lists built from real text
// (tests/fixtures/near-words/near-words.json), and shown to cost pages without CJK
// nothing: their scan takes exactly the same steps with or without them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDictionary, expandForms, findMentions, Matcher, type Mention } from '../../../engine';
import { mergeContexts, toDictionary } from '../../../knowledge/dictionary';
import { bundledMatcher, bundledPacks } from '../../../scan/bundled';
import { visibleTextRuns } from '../../../scan/html';

interface NearWords {
  collected: { word: string; entity: string; alias: string; list: string }[];
  phrases: { word: string; entity: string }[];
}
const nearWords = JSON.parse(readFileSync('tests/fixtures/near-words/near-words.json', 'utf8')) as NearWords;
const matcher = bundledMatcher();

// Context that satisfies every requirement of the aliases concerned: chips, Huawei,
// Nvidia, Cambricon, AI, and an export word.
const ZH = '华为和英伟达的芯片、寒武纪与人工智能的出口。';
const inside = (mentions: Mention[], entity: string, start: number, end: number) =>
  mentions.filter((m) => m.entity === entity && m.start < end && m.end > start);

describe('near-words collected from real text', () => {
  it('lists words from the jieba dictionary and CC-CEDICT, each containing an alias of its entity', () => {
    expect(nearWords.collected.length).toBeGreaterThanOrEqual(15);
    expect(new Set(nearWords.collected.map((w) => w.list))).toEqual(new Set(['jieba', 'cc-cedict']));
    for (const w of nearWords.collected) expect(w.word, w.word).toContain(w.alias);
  });

  it.each(nearWords.collected)('$word ($list) is no mention of $entity, where $alias alone would be', ({ word, entity, alias }) => {
    const text = `${ZH}他说，${word}。`;
    const at = text.lastIndexOf(word);
    expect(inside(findMentions(matcher, text), entity, at, at + word.length)).toEqual([]);
    // The same page with the bare alias does name the entity: the near-word is what blocks it.
    const control = `${ZH}他说，${alias}。`;
    const c = control.lastIndexOf(alias);
    expect(inside(findMentions(matcher, control), entity, c, c + alias.length).map((m) => m.text)).toEqual([alias]);
  });

  it('keeps 三星 a mention where the text really names Samsung', () => {
    const text = '三星的芯片和三星电子的HBM，未来三星期内交货。';
    expect(findMentions(matcher, text).filter((m) => m.entity === 'samsung').map((m) => m.text)).toEqual(['三星', '三星电子']);
  });
});

describe('升腾, an everyday verb that is also a misspelling of 昇腾 (Ascend)', () => {
  // jieba lists 升腾 "to rise" as a word of its own (freq 258), and words ending in 升
  // (提升, 上升) put it across a boundary in front of 腾讯. It names the chips only inside
  // a name: 华为升腾, 升腾910B.
  const page = '华为的芯片和美国的出口管制。';
  it('is no mention as a verb, nor across 提升|腾讯, where Tencent stays a mention', () => {
    const found = findMentions(matcher, `${page}热气升腾。此举将提升腾讯云的竞争力，股价上升腾讯跟涨。`);
    expect(found.filter((m) => m.entity === 'ascend')).toEqual([]);
    expect(found.filter((m) => m.entity === 'tencent').map((m) => m.text)).toEqual(['腾讯', '腾讯']);
  });
  it('names the chips inside a name', () => {
    const found = findMentions(matcher, `${page}华为升腾和升腾910B。`).map((m) => `${m.entity}:${m.text}`);
    expect(found).toEqual(expect.arrayContaining(['ascend:华为升腾', 'ascend-910b:升腾910B']));
  });
});

describe('the same trap in fixed phrases (mostly in scripts written with spaces)', () => {
  const CONTEXT: Record<string, string> = {
    amd: 'Nvidia and AMD chips compete. ',
    'export-licence': 'Nvidia needs export licences to export H20 chips; Nvidia exports need a licence. Η Nvidia χρειάζεται άδειες για τις εξαγωγές τσιπ H20. ',
    rubin: 'Nvidia chips: Blackwell now, Rubin next. ',
    ascend: 'Huawei chips: the Ascend line. ',
    blackwell: 'Nvidia chips: Blackwell. ',
    samsung: '三星的HBM芯片。',
    'us-commerce': '美國商務部和美国商务部的出口管制，英伟达的芯片。',
    mofcom: '中国商务部的出口管制，英伟达的芯片。',
  };

  it.each(nearWords.phrases)('"$word" is no mention of $entity', ({ word, entity }) => {
    const text = `${CONTEXT[entity]}${word}.`;
    const at = text.lastIndexOf(word);
    expect(inside(findMentions(matcher, text), entity, at, at + word.length)).toEqual([]);
    // The context itself names the entity, so the requirement is met and only the phrase blocks it.
    expect(findMentions(matcher, CONTEXT[entity]!).some((m) => m.entity === entity)).toBe(true);
  });
});

describe('pages without Chinese or Japanese', () => {
  const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
  const packs = bundledPacks();
  const contexts = mergeContexts(packs.map((p) => p.contexts));
  const entities = packs.flatMap((p) => p.entities);
  const withoutDict = compileDictionary(
    toDictionary(entities.map((e) => ({ ...e, falseFriends: e.falseFriends?.filter((f) => !CJK.test(f)) })), contexts),
  );
  const cjkFalseFriends = entities.flatMap((e) => (e.falseFriends ?? []).filter((f) => CJK.test(f)).flatMap((f) => expandForms(f)));
  const pages = ['tests/fixtures/pages', 'tests/fixtures/holdout', 'tests/fixtures/holdout-2', 'tests/fixtures/holdout-3'].flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.html') && /^(en|el|de|fr|es)-/.test(f))
      .map((f) => join(dir, f)),
  );

  it('pay nothing for the CJK near-words: the same trie walks and the same candidates', () => {
    expect(cjkFalseFriends.length).toBeGreaterThan(40);
    expect(pages.length).toBeGreaterThan(25);
    for (const page of pages) {
      const runs = visibleTextRuns(readFileSync(page, 'utf8'));
      const full = new Matcher(matcher.dict);
      const without = new Matcher(withoutDict);
      const a = runs.map((t) => full.scan(t).map((c) => [c.start, c.end, full.dict.patSource?.[c.pattern]?.form]));
      const b = runs.map((t) => without.scan(t).map((c) => [c.start, c.end, without.dict.patSource?.[c.pattern]?.form]));
      expect(b, page).toEqual(a);
      expect(full.walks, page).toBe(without.walks);
    }
  });
});
