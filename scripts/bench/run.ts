// npm run bench: Gloss next to its floor and its peers, measured side by side in one
// run of real Chromium (headless), medians of several runs each, runs interleaved.
//   1. floor: a bare TreeWalker walk that reads every text node;
//   2. Gloss: decode the compiled matcher, walk, match, paint every highlight (the
//      content script's own modules);
//   3. mark.js: markRegExp with the same terms as one regular expression, and
//      mark(array) with 200 terms on a typical article, against Gloss with those 200.
import { chromium, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'vite';
import { compileDictionary, encodeDictionary, expandForms } from '../../engine';
import { mergeContexts, toDictionary } from '../../knowledge/dictionary';
import { bundledPacks } from '../../scan/bundled';
import { CHROMIUM } from '../../tests/support/browser';
import { serveDirectory } from '../../tests/support/server';
import { bigPage, extraTerms, sentencePool } from './corpus';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const PAGES = resolve('tests/fixtures/pages');
const ARTICLE = process.env.BENCH_ARTICLE ?? '/el-demo-offshore-training.html';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (n: number): string => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Terms: every alias form of the bundled packs, plus 2,000 more.
const packs = bundledPacks();
const entities = packs.flatMap((p) => p.entities);
const contexts = mergeContexts(packs.map((p) => p.contexts));
const extra = extraTerms(2000);
const base = toDictionary(entities, contexts);
const all = { ...base, terms: [...base.terms, ...extra.map((alias, i) => ({ entity: `extra-${i}`, kind: 'company', alias }))] };
const t0 = performance.now();
const dictAll = compileDictionary(all);
const compileMs = performance.now() - t0;
const encodedAll = encodeDictionary(dictAll);
const allForms = [...new Set(all.terms.flatMap((t) => expandForms(t.alias)))].sort((a, b) => b.length - a.length);
const regexSource = allForms.map(escapeRe).join('|');

const forms200 = [...new Set([...base.terms.filter((t) => !t.requires && !t.caseSensitive).flatMap((t) => expandForms(t.alias)), ...extra])].slice(0, 200);
const encoded200 = encodeDictionary(compileDictionary({ terms: forms200.map((alias, i) => ({ entity: `t${i}`, kind: 'company', alias })) }));

// Pages and the in-page harness.
const bundle = await build({
  configFile: false,
  logLevel: 'silent',
  build: { write: false, minify: true, lib: { entry: resolve('scripts/bench/page-entry.ts'), formats: ['iife'], name: 'GlossBenchPage' } },
});
const output = (Array.isArray(bundle) ? bundle[0]! : bundle) as { output: { code?: string }[] };
const harness = output.output[0]!.code!;
const big = bigPage(sentencePool(PAGES), extra);
const site = await serveDirectory(PAGES, {
  '/bench/big.html': big,
  '/bench/harness.js': harness,
  '/bench/mark.js': readFileSync(resolve('node_modules/mark.js/dist/mark.min.js'), 'utf8'),
});

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });

async function fresh(path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(site.url + path);
  await page.addScriptTag({ url: '/bench/mark.js' });
  await page.addScriptTag({ url: '/bench/harness.js' });
  return page;
}

async function measure<T extends { ms: number }>(path: string, run: (page: Page) => Promise<T>): Promise<T> {
  const page = await fresh(path);
  try {
    return await run(page);
  } finally {
    await page.close();
  }
}

type Bench = { floor: any; gloss: any; rescanOne: any; markRegex: any; markArray: any };
const bench = (page: Page) => ({
  floor: () => page.evaluate(() => (window as unknown as { glossBench: Bench }).glossBench.floor()),
  gloss: (enc: string) => page.evaluate((e) => (window as unknown as { glossBench: Bench }).glossBench.gloss(e), enc),
  rescanOne: () => page.evaluate(() => (window as unknown as { glossBench: Bench }).glossBench.rescanOne()),
  markRegex: (src: string) => page.evaluate((s) => (window as unknown as { glossBench: Bench }).glossBench.markRegex(s), src),
  markArray: (terms: string[]) => page.evaluate((t) => (window as unknown as { glossBench: Bench }).glossBench.markArray(t), terms),
});

const results: Record<string, number[]> = { floor: [], gloss: [], decode: [], rescan: [], markRegex: [], gloss200: [], markArray: [] };
let info = { nodes: 0, chars: 0, mentions: 0, marks: 0, rescanChars: 0, articleMarks: 0, articleMentions: 0, longTasks: [] as number[] };

for (let i = 0; i < RUNS; i++) {
  const f = await measure('/bench/big.html', (p) => bench(p).floor());
  results.floor!.push(f.ms);
  info.nodes = f.nodes;
  info.chars = f.chars;
  const g = await measure('/bench/big.html', async (p) => {
    const r = await bench(p).gloss(encodedAll);
    const one = await bench(p).rescanOne();
    results.rescan!.push(one.ms);
    info.rescanChars = one.chars;
    return r;
  });
  results.gloss!.push(g.ms);
  results.decode!.push(g.decodeMs);
  info.mentions = g.mentions;
  info.longTasks.push(...g.longTasks);
  if (i < Math.max(3, Math.ceil(RUNS / 2))) {
    const m = await measure('/bench/big.html', (p) => bench(p).markRegex(regexSource));
    results.markRegex!.push(m.ms);
    info.marks = m.marks;
  }
  const g200 = await measure(ARTICLE, (p) => bench(p).gloss(encoded200));
  results.gloss200!.push(g200.ms);
  info.articleMentions = g200.mentions;
  if (i < Math.max(3, Math.ceil(RUNS / 2))) {
    const a = await measure(ARTICLE, (p) => bench(p).markArray(forms200));
    results.markArray!.push(a.ms);
    info.articleMarks = a.marks;
  }
}
await browser.close();
await site.close();

const med = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)])) as Record<string, number>;
console.log(`chromium=${CHROMIUM} runs=${RUNS} (mark.js: ${results.markRegex!.length})`);
console.log(`dictionary: terms=${all.terms.length} forms=${allForms.length} compile_ms=${fmt(compileMs)} (once per pack version, in the background) encoded_kb=${(encodedAll.length / 1024).toFixed(0)}`);
console.log(`page_1mb: text_nodes=${info.nodes} chars=${info.chars}`);
console.log(`floor_ms=${fmt(med.floor!)}`);
console.log(`gloss_ms=${fmt(med.gloss!)} (decode_ms=${fmt(med.decode!)}, mentions=${info.mentions}, long_tasks_over_50ms=${info.longTasks.length}${info.longTasks.length ? ` max=${Math.max(...info.longTasks)}` : ''})`);
console.log(`markjs_regex_ms=${fmt(med.markRegex!)} (marks=${info.marks})`);
console.log(`rescan_one_paragraph_ms=${fmt(med.rescan!)} (chars_rescanned=${info.rescanChars} of ${info.chars})`);
console.log(`article: gloss_200_terms_ms=${fmt(med.gloss200!)} (mentions=${info.articleMentions}) markjs_array_200_terms_ms=${fmt(med.markArray!)} (marks=${info.articleMarks})`);
console.log(
  `ratio_vs_floor=${(med.gloss! / med.floor!).toFixed(2)} ratio_vs_markjs_regex=${(med.markRegex! / med.gloss!).toFixed(1)} ratio_vs_markjs_array=${(med.markArray! / med.gloss200!).toFixed(0)}`,
);
