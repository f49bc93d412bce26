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
import { compileDictionary, encodeDictionary, expandForms, Matcher } from '../../engine';
import { mergeContexts, toDictionary } from '../../knowledge/dictionary';
import { bundledPacks } from '../../scan/bundled';
import { CHROMIUM } from '../../tests/support/browser';
import { serveDirectory } from '../../tests/support/server';
import { bigPage, extraTerms, fillerSentences, sentencePool } from './corpus';
import { benchHostilePages } from './hostile';

// BENCH_ONLY=hostile: only the hostile pages (they need the built extension).
if (process.env.BENCH_ONLY === 'hostile') {
  await benchHostilePages();
  process.exit(0);
}

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
/** mark.js is slow; it gets fewer rounds. */
const MARK_RUNS = Math.max(3, Math.ceil(RUNS / 2));
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
// The 1 MB page is a long page in several languages where one paragraph in five comes
// from articles about the topic and the rest is prose naming nothing (a long index
// page, a forum thread); the dense page has every paragraph about the topic and is
// reported beside it.
const pool = sentencePool(PAGES);
const quietMatcher = new Matcher(dictAll);
const other = fillerSentences(pool, (word) => quietMatcher.scan(word).length === 0);
const big = bigPage(pool, extra, { onTopicShare: 0.2, termShare: 0.02, other });
const dense = bigPage(pool, extra, { onTopicShare: 1, termShare: 0.08 });
const site = await serveDirectory(PAGES, {
  '/bench/big.html': big,
  '/bench/dense.html': dense,
  '/bench/harness.js': harness,
  '/bench/mark.js': readFileSync(resolve('node_modules/mark.js/dist/mark.min.js'), 'utf8'),
});

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });

async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(site.url + path);
  await page.addScriptTag({ url: '/bench/mark.js' });
  await page.addScriptTag({ url: '/bench/harness.js' });
  return page;
}

type Harness = Record<'restore' | 'floor' | 'gloss' | 'rescanOne' | 'markRegex' | 'markArray', (arg?: unknown) => any>;
/** Runs one method of the in-page harness on a fresh copy of the page's DOM. */
async function run<T>(page: Page, method: keyof Harness, arg?: unknown): Promise<T> {
  await page.evaluate(() => (window as unknown as { glossBench: Harness }).glossBench.restore());
  return page.evaluate(({ method, arg }) => (window as unknown as { glossBench: Harness }).glossBench[method](arg), { method, arg }) as Promise<T>;
}

type Timed = { ms: number };
const results: Record<string, number[]> = {
  floor: [], gloss: [], decode: [], rescan: [], markRegex: [], gloss200: [], markArray: [], setup200: [], scan200: [], decode200: [], denseFloor: [], denseGloss: [],
};
const cold: Record<string, number> = {};
const info = { nodes: 0, chars: 0, mentions: 0, marks: 0, rescanChars: 0, articleMarks: 0, articleMentions: 0, longestSliceMs: 0, denseMentions: 0 };
const bigPageTab = await open('/bench/big.html');
const articleTab = await open(ARTICLE);
const denseTab = await open('/bench/dense.html');
const record = (name: string, i: number, ms: number): void => {
  if (i === 0) cold[name] = ms;
  else results[name]!.push(ms);
};

// Round 0 is each method's first, cold run in its page; the medians are over the
// rounds after it. Methods alternate within each round.
for (let i = 0; i <= RUNS; i++) {
  const f = await run<Timed & { nodes: number; chars: number }>(bigPageTab, 'floor');
  record('floor', i, f.ms);
  info.nodes = f.nodes;
  info.chars = f.chars;
  const g = await run<Timed & { decodeMs: number; mentions: number; longestSliceMs: number }>(bigPageTab, 'gloss', encodedAll);
  record('gloss', i, g.ms);
  record('decode', i, g.decodeMs);
  info.mentions = g.mentions;
  info.longestSliceMs = Math.max(info.longestSliceMs, g.longestSliceMs);
  const one = await bigPageTab.evaluate(() => (window as unknown as { glossBench: Harness }).glossBench.rescanOne()) as Timed & { chars: number };
  record('rescan', i, one.ms);
  info.rescanChars = one.chars;
  if (i <= MARK_RUNS) {
    const m = await run<Timed & { marks: number }>(bigPageTab, 'markRegex', regexSource);
    record('markRegex', i, m.ms);
    info.marks = m.marks;
  }
  record('denseFloor', i, (await run<Timed>(denseTab, 'floor')).ms);
  const gd = await run<Timed & { mentions: number }>(denseTab, 'gloss', encodedAll);
  record('denseGloss', i, gd.ms);
  info.denseMentions = gd.mentions;
  const g200 = await run<Timed & { decodeMs: number; setupMs: number; scanMs: number; mentions: number }>(articleTab, 'gloss', encoded200);
  record('gloss200', i, g200.ms);
  record('setup200', i, g200.setupMs);
  record('scan200', i, g200.scanMs);
  record('decode200', i, g200.decodeMs);
  info.articleMentions = g200.mentions;
  if (i <= MARK_RUNS) {
    const a = await run<Timed & { marks: number }>(articleTab, 'markArray', forms200);
    record('markArray', i, a.ms);
    info.articleMarks = a.marks;
  }
}
await browser.close();
await site.close();

const med = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)])) as Record<string, number>;
console.log(`chromium=${CHROMIUM} rounds=${RUNS} (mark.js: ${results.markRegex!.length}) after one cold round; each run on a fresh copy of the page's DOM`);
console.log(`cold_first_run_ms: ${Object.entries(cold).map(([k, v]) => `${k}=${fmt(v)}`).join(' ')}`);
console.log(`dictionary: terms=${all.terms.length} forms=${allForms.length} compile_ms=${fmt(compileMs)} (once per pack version, in the background) encoded_kb=${(encodedAll.length / 1024).toFixed(0)}`);
console.log(`page_1mb: text_nodes=${info.nodes} chars=${info.chars} mentions=${info.mentions} (one per ${Math.round(info.chars / Math.max(1, info.mentions))} chars)`);
console.log(`floor_ms=${fmt(med.floor!)}`);
console.log(`gloss_ms=${fmt(med.gloss!)} (decode_ms=${fmt(med.decode!)}, mentions=${info.mentions}, longest_slice_ms=${fmt(info.longestSliceMs)} between yields to the page)`);
console.log(`markjs_regex_ms=${fmt(med.markRegex!)} (marks=${info.marks})`);
console.log(`rescan_one_paragraph_ms=${fmt(med.rescan!)} (chars_rescanned=${info.rescanChars} of ${info.chars})`);
console.log(`dense_1mb_page: floor_ms=${fmt(med.denseFloor!)} gloss_ms=${fmt(med.denseGloss!)} mentions=${info.denseMentions} ratio=${(med.denseGloss! / med.denseFloor!).toFixed(2)}`);
console.log(`article: gloss_200_terms_ms=${fmt(med.gloss200!)} (decode=${fmt(med.decode200!)} setup=${fmt(med.setup200!)} scan=${fmt(med.scan200!)} mentions=${info.articleMentions}) markjs_array_200_terms_ms=${fmt(med.markArray!)} (marks=${info.articleMarks})`);
// The floor and Gloss run back to back in every round; on a shared machine the
// median of their per-round ratios is steadier than the ratio of medians, so both.
const paired = median(results.gloss!.map((g, i) => g / results.floor![i]!));
console.log(`paired_ratio_vs_floor=${paired.toFixed(2)} (median over rounds of gloss/floor measured back to back)`);
console.log(
  `ratio_vs_floor=${(med.gloss! / med.floor!).toFixed(2)} ratio_vs_markjs_regex=${(med.markRegex! / med.gloss!).toFixed(1)} ratio_vs_markjs_array=${(med.markArray! / med.gloss200!).toFixed(0)}`,
);

// 4. hostile pages: the built extension against its floor, Chromium without it
// (BENCH_ONLY=classic leaves them out).
if (process.env.BENCH_ONLY !== 'classic') await benchHostilePages();
