// Gloss against real-world pages: the scan's mentions compared with hand-made
// expectations (docs/annotation-guide.md), counted per mention.
//   tests/fixtures/pages    the corpus the pack was developed against;
//   tests/fixtures/holdout  pages written later and annotated without looking at the
//                           pack, to see how Gloss does on pages it was not tuned to.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledMatcher } from '../../../scan/bundled';
import { scanHtml } from '../../../scan/scan';

interface Expected {
  modeledOn?: string | null;
  lang: string;
  topic: boolean;
  mentions: { entity: string; text: string }[];
}

const CORPORA = [
  { dir: 'tests/fixtures/pages', minPages: 20 },
  { dir: 'tests/fixtures/holdout', minPages: 14 },
];
const matcher = bundledMatcher();

describe.each(CORPORA)('mentions on saved news pages in $dir', ({ dir, minPages }) => {
  const pages = readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((file) => ({ file, expected: JSON.parse(readFileSync(join(dir, file.replace(/\.html$/, '.expected.json')), 'utf8')) as Expected }));

  it('has pages in English, Greek, Chinese, Japanese, German, French and Spanish, on and off the topic', () => {
    expect(pages.length).toBeGreaterThanOrEqual(minPages);
    const langs = new Set(pages.map((p) => p.expected.lang.split('-')[0]));
    for (const lang of ['en', 'el', 'zh', 'ja', 'de', 'fr', 'es']) expect(langs, lang).toContain(lang);
    expect(pages.some((p) => !p.expected.topic)).toBe(true);
  });

  it('finds at least 95% of what readers want and at most 3% of what they do not', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const report: string[] = [];
    for (const { file, expected } of pages) {
      const found = scanHtml(matcher, readFileSync(join(dir, file), 'utf8'));
      const key = (m: { entity: string; text: string }) => `${m.entity}\u0000${m.text}`;
      const want = new Map<string, number>();
      for (const m of expected.mentions) want.set(key(m), (want.get(key(m)) ?? 0) + 1);
      const got = new Map<string, number>();
      for (const m of found) got.set(key(m), (got.get(key(m)) ?? 0) + 1);
      const misses: string[] = [];
      const extras: string[] = [];
      for (const [k, n] of want) {
        const hit = Math.min(n, got.get(k) ?? 0);
        tp += hit;
        fn += n - hit;
        if (n > hit) misses.push(`${k.replace('\u0000', ': "')}" ×${n - hit}`);
      }
      for (const [k, n] of got) {
        const extra = n - Math.min(n, want.get(k) ?? 0);
        fp += extra;
        if (extra > 0) extras.push(`${k.replace('\u0000', ': "')}" ×${extra}`);
      }
      if (misses.length || extras.length) {
        report.push(`${file}${misses.length ? `\n    missed: ${misses.join('; ')}` : ''}${extras.length ? `\n    not wanted: ${extras.join('; ')}` : ''}`);
      }
    }
    const recall = tp / (tp + fn);
    const precision = tp / (tp + fp);
    console.log(`${dir}: pages=${pages.length} expected=${tp + fn} found=${tp + fp} recall=${recall.toFixed(4)} precision=${precision.toFixed(4)}`);
    if (report.length) console.log(report.join('\n'));
    expect(recall, `recall ${recall.toFixed(4)}\n${report.join('\n')}`).toBeGreaterThanOrEqual(0.95);
    expect(precision, `precision ${precision.toFixed(4)}\n${report.join('\n')}`).toBeGreaterThanOrEqual(0.97);
  });
});
