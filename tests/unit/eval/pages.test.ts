// Gloss against saved news pages: the scan's mentions (the same page resolution the
// content script uses) compared with hand-made expectations (docs/annotation-guide.md).
//   tests/fixtures/pages      the corpus the pack was developed against;
//   tests/fixtures/holdout    pages written later and annotated without looking at the pack;
//   tests/fixtures/holdout-2  a second held-out batch, annotated and committed before
//                             Gloss was first run on it;
//   tests/fixtures/holdout-3  a third batch, the same way, with more pages about other
//                             subjects chosen for their traps;
//   tests/fixtures/holdout-4  a fourth batch, the same way, of whole pages with their
//                             chrome: navigation, a markets ticker, most-read lists,
//                             newsletter boxes and footers, on and off the topic.
// Per set: recall over every expected mention, precision over chips, companies, models
// and rules, and the number of highlights of any kind on pages about other subjects.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledMatcher } from '../../../scan/bundled';
import { scanHtml } from '../../../scan/scan';
import { add, baseLanguage, emptyTally, precision, recall, scorePage, type Expected, type Tally } from './score';

const CORPORA = [
  { dir: 'tests/fixtures/pages', minPages: 20, minOffTopic: 1 },
  { dir: 'tests/fixtures/holdout', minPages: 14, minOffTopic: 1 },
  { dir: 'tests/fixtures/holdout-2', minPages: 20, minOffTopic: 8 },
  { dir: 'tests/fixtures/holdout-3', minPages: 16, minOffTopic: 6 },
  { dir: 'tests/fixtures/holdout-4', minPages: 14, minOffTopic: 5 },
];
const LANGUAGES = ['en', 'el', 'zh', 'ja', 'de', 'fr', 'es'];
const MIN_RECALL = 0.95;
const MIN_PRECISION = 0.97;
const matcher = bundledMatcher();

const row = (name: string, t: Tally): string =>
  `${name.padEnd(8)} pages ${String(t.pages).padStart(2)}  recall ${recall(t).toFixed(3)} (${t.hit}/${t.hit + t.missed})  ` +
  `precision ${precision(t).toFixed(3)} (${t.right}/${t.right + t.wrong})  off-topic highlights ${t.offTopicHighlights}`;

describe.each(CORPORA)('mentions on saved news pages in $dir', ({ dir, minPages, minOffTopic }) => {
  const pages = readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((file) => ({ file, expected: JSON.parse(readFileSync(join(dir, file.replace(/\.html$/, '.expected.json')), 'utf8')) as Expected }));

  it('has pages in English, Greek, Chinese, Japanese, German, French and Spanish, on and off the topic', () => {
    expect(pages.length).toBeGreaterThanOrEqual(minPages);
    const langs = new Set(pages.map((p) => baseLanguage(p.expected.lang)));
    for (const lang of LANGUAGES) expect(langs, lang).toContain(lang);
    expect(pages.filter((p) => !p.expected.topic).length).toBeGreaterThanOrEqual(minOffTopic);
  });

  it(`finds at least ${MIN_RECALL * 100}% of what readers want, is right ${MIN_PRECISION * 100}% of the time, and is silent off topic`, () => {
    const overall = emptyTally();
    const byLanguage = new Map(LANGUAGES.map((l) => [l, emptyTally()]));
    const report: string[] = [];
    for (const { file, expected } of pages) {
      const found = scanHtml(matcher, readFileSync(join(dir, file), 'utf8'));
      const { tally, misses, extras } = scorePage(expected, found);
      add(overall, tally);
      add(byLanguage.get(baseLanguage(expected.lang))!, tally);
      if (misses.length || extras.length) {
        report.push(`${file}${misses.length ? `\n    missed: ${misses.join('; ')}` : ''}${extras.length ? `\n    not wanted: ${extras.join('; ')}` : ''}`);
      }
    }
    const table = [...[...byLanguage].map(([lang, t]) => row(lang, t)), row('overall', overall)].join('\n');
    console.log(`${dir}\n${table}${report.length ? `\n${report.join('\n')}` : ''}`);
    const details = `\n${table}\n${report.join('\n')}`;
    expect(recall(overall), `recall${details}`).toBeGreaterThanOrEqual(MIN_RECALL);
    expect(precision(overall), `precision${details}`).toBeGreaterThanOrEqual(MIN_PRECISION);
    expect(overall.offTopicHighlights, `highlights on pages about other subjects${details}`).toBe(0);
  });
});
