// npm run bench, part 2: notes and sync with the built extension in real Chromium.
//   1. Re-anchoring 200 notes on a long article (exact, and after the page was edited),
//      with the page's longest task from a Chromium trace, next to the same article
//      without notes.
//   2. Years of data: 5,000 entities, 20,000 events, 50,000 sightings and 10,000 notes
//      over 3,000 articles; the popup on an article, an entity's detail, the notes
//      view's first page and a search, each next to the same screen of a new install
//      with a hundred notes (ratios; target under 2x).
//   3. A fresh browser pulling 10,000 notes from the sync server, next to importing the
//      same notes into its own IndexedDB (ratio; target under 3x).
// Printed, never asserted. BENCH_RUNS sets the rounds per screen (default 5).

import type { Page } from '@playwright/test';
import { launchWithGloss, type GlossBrowser } from '../../tests/support/browser';
import { serveDirectory } from '../../tests/support/server';
import { addUser, createPlace, startServer } from '../../tests/server/support';
import { articleIdentity } from '../../model';
import type { Article, Note } from '../../model/interchange';
import { rng, sentencePool } from './corpus';
import { traceTasks } from './trace';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (n: number): string => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const ratio = (a: number, b: number): string => (a / b).toFixed(2);


const ID_CHARS = '0123456789abcdefghjkmnpqrstvwxyz';
function noteId(n: number): string {
  let s = '';
  for (let i = 0; i < 16; i++) s = ID_CHARS[(n >>> (i * 2)) & 31] + s;
  return `01jb${n.toString(36).padStart(6, '0')}${s}`.slice(0, 26);
}

async function articleRecord(url: string, title: string, i: number): Promise<Article> {
  const a = await articleIdentity({ url });
  return { id: a.id, url: a.url, title, site: a.site, published: null, lang: 'en', createdAt: 1_700_000_000_000 + i, updatedAt: 1_700_000_000_000 + i, deleted: false };
}

function notesFile(articles: Article[], notes: Note[]): string {
  return JSON.stringify({ format: 'gloss-notes', version: 1, exportedAt: new Date().toISOString(), articles, notes });
}

async function extensionPage(gloss: GlossBrowser, path: string): Promise<Page> {
  const page = await gloss.context.newPage();
  await page.goto(`chrome-extension://${gloss.extensionId}/${path}`);
  return page;
}

/** Sends a privileged request from an extension page, as the extension's own pages do. */
async function ui<T>(page: Page, type: string, payload: unknown): Promise<T> {
  const reply = (await page.evaluate(({ type, payload }) => (globalThis as any).chrome.runtime.sendMessage({ type, payload }), { type, payload })) as {
    ok: boolean;
    result?: T;
    error?: string;
  };
  if (!reply.ok) throw new Error(`${type}: ${reply.error}`);
  return reply.result as T;
}

/**
 * ms since the page's navigation began when `check` first returns a time (it returns
 * performance.now() once its condition holds). Polled every 10 ms, not every frame, so
 * the check adds next to nothing to the page's tasks; a function, not a string, since
 * extension pages forbid eval.
 */
async function whenTrue<A>(page: Page, check: (arg: A) => number | false | null | undefined, arg?: A, timeout = 60_000): Promise<number> {
  const handle = await page.waitForFunction(check as (arg: unknown) => number | false, arg as unknown, { polling: 10, timeout });
  return (await handle.jsonValue()) as number;
}

async function tabIdOfUrl(gloss: GlossBrowser, url: string): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const id = await gloss.worker.evaluate(async (target) => {
      const all = (await (globalThis as any).chrome.storage.session.get(null)) as Record<string, { url?: string }>;
      const key = Object.keys(all).find((k) => k.startsWith('tab:') && all[k]?.url === target);
      return key === undefined ? undefined : Number(key.slice(4));
    }, url);
    if (id !== undefined) return id;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no tab reported ${url}`);
}

// ---------------------------------------------------------------------------
// 1. Re-anchoring 200 notes on a long article

const pool = sentencePool('tests/fixtures/pages');

function longArticle(paragraphs: string[], lead = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A long article</title></head><body><article><h1>A long article</h1>${lead}${paragraphs
    .map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
    .join('\n')}</article></body></html>`;
}

async function reanchorBench(): Promise<void> {
  const random = rng(11);
  const sentences = [...pool.onTopic, ...pool.offTopic].filter((s) => s.length > 60 && s.length < 400);
  const paragraphs = Array.from({ length: 600 }, () => Array.from({ length: 4 }, () => sentences[Math.floor(random() * sentences.length)]!).join(' '));
  const routes: Record<string, string> = { '/bench/long.html': longArticle(paragraphs) };
  const site = await serveDirectory('tests/fixtures/pages', routes);
  const url = `${site.url}/bench/long.html`;
  const article = await articleRecord(url, 'A long article', 0);

  const gloss = await launchWithGloss();
  try {
    // The quotes: the first sentence of every third paragraph, found in the page's text
    // the way the content script reads it.
    const probe = await gloss.context.newPage();
    await probe.goto(url);
    const quotes = await probe.evaluate(() => {
      const skip = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'TITLE']);
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let text = '';
      const starts: { node: Node; at: number }[] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.parentNode && skip.has(n.parentNode.nodeName)) continue;
        starts.push({ node: n, at: text.length });
        text += (n as Text).data;
      }
      const out: { exact: string; start: number }[] = [];
      const paras = [...document.querySelectorAll('article p')];
      for (let i = 0; i < paras.length && out.length < 200; i += 3) {
        const node = paras[i]!.firstChild!;
        const at = starts.find((s) => s.node === node)!.at;
        const data = (node as Text).data;
        const end = Math.min(data.length, Math.max(40, data.indexOf('. ') + 1 || 120));
        out.push({ exact: data.slice(0, end), start: at });
      }
      return { text, out };
    });
    await probe.close();
    const notes: Note[] = quotes.out.map((q, i) => ({
      id: noteId(i),
      articleId: article.id,
      body: `Check this (${i}).`,
      tags: ['bench'],
      entities: [],
      quote: { exact: q.exact, prefix: quotes.text.slice(Math.max(0, q.start - 32), q.start), suffix: quotes.text.slice(q.start + q.exact.length, q.start + q.exact.length + 32) },
      position: { start: q.start, end: q.start + q.exact.length },
      createdAt: 1_700_000_000_000 + i,
      updatedAt: 1_700_000_000_000 + i,
      deleted: false,
    }));

    type Run = { ms: number; glossLongest: number; glossRun: number; glossOver50: number; glossScript: number };
    const measure = async (withNotes: boolean): Promise<Run> => {
      const page = await gloss.context.newPage();
      const { result, cost } = await traceTasks(page, url, async () => {
        await page.goto(url);
        return withNotes
          ? whenTrue(page, (n) => CSS.highlights.get('gloss-note')?.size === n && performance.now(), notes.length)
          : whenTrue(page, () => [...CSS.highlights.keys()].some((k) => k.startsWith('gloss-') && k !== 'gloss-note' && CSS.highlights.get(k)!.size > 0) && performance.now());
      });
      await page.close();
      return { ms: result, glossLongest: cost.glossLongestTaskMs, glossRun: cost.glossLongestRunMs, glossOver50: cost.glossTasksOver50, glossScript: cost.glossScriptMs };
    };

    const runs: Record<string, Run[]> = { without: [], exact: [], edited: [] };
    for (let i = 0; i < RUNS; i++) runs.without!.push(await measure(false));
    const options = await extensionPage(gloss, 'notes.html');
    await ui(options, 'ui.importNotes', { json: notesFile([article], notes) });
    for (let i = 0; i < RUNS; i++) runs.exact!.push(await measure(true));
    // The article edited: a paragraph inserted at the top, a word changed in every fifth quote.
    const edited = paragraphs.map((p, i) => (i % 15 === 0 ? p.replace(/\b(\w{4,})\b/, '$1s') : p));
    routes['/bench/long.html'] = longArticle(edited, '<p>Update: this article was corrected to add a date and a name.</p>');
    for (let i = 0; i < RUNS; i++) runs.edited!.push(await measure(true));
    const m = (k: string, f: keyof Run) => median(runs[k]!.map((r) => r[f]));
    const line = (k: string) =>
      `gloss_longest_task_ms=${fmt(m(k, 'glossLongest'))} gloss_longest_run_in_a_task_ms=${fmt(m(k, 'glossRun'))} gloss_tasks_over_50ms=${fmt(m(k, 'glossOver50'))} gloss_script_ms=${fmt(m(k, 'glossScript'))}`;
    console.log(
      `notes_reanchor: article_chars=${quotes.text.length} notes=${notes.length} rounds=${RUNS}; from a Chromium trace of the page's main thread, Gloss's tasks being those in which the profiler caught its content script`,
    );
    console.log(`  without_notes: highlighted_ms=${fmt(m('without', 'ms'))} ${line('without')}`);
    console.log(`  exact: all_200_painted_ms=${fmt(m('exact', 'ms'))} ${line('exact')}`);
    console.log(`  edited_page (a paragraph inserted, 40 quotes edited): all_200_painted_ms=${fmt(m('edited', 'ms'))} ${line('edited')}`);
    console.log(`  ratio_vs_without_notes: exact=${ratio(m('exact', 'ms'), m('without', 'ms'))} edited=${ratio(m('edited', 'ms'), m('without', 'ms'))} (budget: no Gloss task over 50 ms)`);
  } finally {
    await gloss.close();
    await site.close();
  }
}

// ---------------------------------------------------------------------------
// 2. Years of data

const SYL = ['ka', 'lo', 'ven', 'tra', 'qui', 'zor', 'nex', 'mi', 'ra', 'dal', 'sor', 'vi', 'ten', 'ax', 'ul', 'ber', 'cor', 'gal', 'phi', 'rus'];
const KINDS = ['chip', 'company', 'model', 'rule', 'org'];

function bigPack(): { json: string; ids: string[] } {
  const random = rng(5000);
  const names = new Set<string>();
  while (names.size < 5000) {
    const n = Array.from({ length: 3 + Math.floor(random() * 2) }, () => SYL[Math.floor(random() * SYL.length)]).join('');
    names.add(`Q${n}`);
  }
  const ids: string[] = [];
  const entities = [...names].map((name, i) => {
    const id = `bench-${i}`;
    ids.push(id);
    return {
      id,
      kind: KINDS[i % KINDS.length],
      names: { en: `${name} ${i}` },
      summary: { en: `A made-up entity for the benchmark, number ${i}.` },
      aliases: [{ text: `${name} ${i}`, lang: 'en' }],
      sources: ['s1'],
    };
  });
  const events = Array.from({ length: 20_000 }, (_, i) => ({
    id: `bench-ev-${i}`,
    date: `${2010 + (i % 16)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    title: { en: `Benchmark event ${i}` },
    // A few hundred events about a chip the bundled pack knows, so its timeline is long.
    entities: i % 60 === 0 ? ['h20', ids[i % ids.length]!] : [ids[i % ids.length]!, ids[(i * 7) % ids.length]!],
    sources: ['s1'],
  }));
  const pack = {
    pack: { format: 1, id: 'bench-years', version: '1.0.0', name: 'Benchmark: years of data' },
    entities,
    events,
    sources: [{ id: 's1', url: 'https://bench.example/source', publisher: 'Bench', published: '2025-01-01' }],
  };
  return { json: JSON.stringify(pack), ids };
}

interface Size {
  notes: number;
  articles: number;
  /** With the pack of 5,000 entities and 20,000 events, and 50,000 sightings. */
  knowledge: boolean;
}

async function seedYears(gloss: GlossBrowser, articleUrl: string, size: Size): Promise<void> {
  const page = await extensionPage(gloss, 'notes.html');
  const { json, ids: allIds } = bigPack();
  const ids = size.knowledge ? allIds : ['h20', 'nvidia', 'huawei'];
  if (size.knowledge) {
    const reply = await ui<{ ok: boolean; issues?: unknown[] }>(page, 'ui.importPack', { json });
    if (!reply.ok) throw new Error(`the benchmark pack was refused: ${JSON.stringify(reply.issues).slice(0, 500)}`);
  }
  // 50,000 sightings (2,000 of them of H20), written straight into the database: Gloss
  // records them one page at a time, which would take hours of browsing.
  if (size.knowledge) await page.evaluate(
    ({ ids }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('gloss');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('sightings', 'readwrite');
          const store = tx.objectStore('sightings');
          for (let i = 0; i < 50_000; i++) {
            const site = `news${i % 400}.example`;
            const url = `https://${site}/story-${Math.floor(i / 3)}`;
            const entity = i % 25 === 0 ? 'h20' : ids[i % ids.length]!;
            store.put({ url, entity, count: 1 + (i % 5), title: `Story ${Math.floor(i / 3)}`, lastSeen: 1_760_000_000_000 + i * 1000, site });
          }
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
    { ids },
  );
  // 10,000 notes over 3,000 articles; the article the popup opens has eight.
  const articles: Article[] = [await articleRecord(articleUrl, 'The article', 0)];
  for (let i = 1; i < size.articles; i++) articles.push(await articleRecord(`https://news${i % 400}.example/story-${i}`, `Story ${i}`, i));
  // Notes written like a reporter's: a sentence of the news in any of the seven languages.
  const random = rng(10_000);
  const sentences = [...pool.onTopic, ...pool.offTopic].filter((s) => s.length > 30 && s.length < 600);
  const notes: Note[] = Array.from({ length: size.notes }, (_, i) => ({
    id: noteId(i),
    articleId: articles[i < 8 ? 0 : 1 + (i % (size.articles - 1))]!.id,
    body: `${sentences[Math.floor(random() * sentences.length)]} (${i})`,
    tags: [`tag${i % 40}`],
    entities: i % 3 === 0 ? ['h20'] : [ids[i % ids.length]!],
    quote: null,
    position: null,
    createdAt: 1_700_000_000_000 + i * 60_000,
    updatedAt: 1_700_000_000_000 + i * 60_000,
    deleted: false,
  }));
  const imported = await ui<{ ok: boolean }>(page, 'ui.importNotes', { json: notesFile(articles, notes) });
  if (!imported.ok) throw new Error(`the benchmark notes were refused: ${JSON.stringify(imported)}`);
  await page.close();
}

interface ScreenTimes {
  popup: number[];
  entity: number[];
  notesView: number[];
  search: number[];
}

/** One round of the four screens in one browser, whose article tab is open. */
async function screens(gloss: GlossBrowser, tabId: number, times: ScreenTimes): Promise<void> {
  {
    const popup = await gloss.context.newPage();
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.goto(`chrome-extension://${gloss.extensionId}/popup.html?tab=${tabId}`);
    times.popup.push(await whenTrue(popup, () => Boolean(document.querySelector('.mention-row[data-entity="h20"]') && document.querySelector('#article-notes-title')) && performance.now()));
    const t0 = await popup.evaluate(() => performance.now());
    await popup.locator('.mention-row[data-entity="h20"]').first().click();
    const t1 = await whenTrue(popup, () => Boolean(document.querySelector('.entity-detail[data-entity="h20"] .gloss-timeline') && document.querySelector('.entity-detail .seen li')) && performance.now());
    times.entity.push(t1 - t0);
    await popup.close();

    const view = await gloss.context.newPage();
    await view.goto(`chrome-extension://${gloss.extensionId}/notes.html`);
    times.notesView.push(
      await whenTrue(view, () => Boolean(/\d/.test(document.querySelector('.notes-head .muted')?.textContent ?? '') && (document.querySelector('.note-item') || document.querySelector('.notes-list .muted'))) && performance.now()),
    );
    const before = await view.locator('.notes-head .muted').textContent();
    const s0 = await view.evaluate(() => performance.now());
    await view.getByLabel('Search notes, quotes and tags').fill('export chips');
    const s1 = await whenTrue(view, (b) => document.querySelector('.notes-head .muted')?.textContent !== b && performance.now(), before);
    times.search.push(s1 - s0);
    await view.close();
  }
}

async function yearsBench(): Promise<void> {
  const site = await serveDirectory('tests/fixtures/pages', {});
  const articleUrl = `${site.url}/el-demo-offshore-training.html`;
  // The baseline is a browser in its first weeks: the same kind of notes, a hundred of
  // them, so both screens show full pages and the ratio is what years of data cost.
  const empty: ScreenTimes = { popup: [], entity: [], notesView: [], search: [] };
  const full: ScreenTimes = { popup: [], entity: [], notesView: [], search: [] };
  const a = await launchWithGloss();
  const b = await launchWithGloss();
  try {
    await seedYears(a, articleUrl, { notes: 108, articles: 30, knowledge: false });
    const t0 = performance.now();
    await seedYears(b, articleUrl, { notes: 10_000, articles: 3000, knowledge: true });
    const seedMs = performance.now() - t0;
    const tabs: number[] = [];
    for (const g of [a, b]) {
      const page = await g.context.newPage();
      await page.goto(articleUrl);
      tabs.push(await tabIdOfUrl(g, articleUrl));
    }
    // Rounds alternate between the two browsers, so both see the same machine.
    for (let i = 0; i < RUNS; i++) {
      await screens(a, tabs[0]!, empty);
      await screens(b, tabs[1]!, full);
    }
    console.log(
      `years_of_data: entities=5,000 events=20,000 sightings=50,000 notes=10,000 articles=3,000 (seeded in ${fmt(seedMs / 1000)} s), next to a new install (bundled pack, 108 notes over 30 articles); rounds=${RUNS}`,
    );
    for (const k of ['popup', 'entity', 'notesView', 'search'] as const) {
      const e = median(empty[k]);
      const f = median(full[k]);
      console.log(`  ${k.padEnd(9)} new_install_ms=${fmt(e)} years_ms=${fmt(f)} ratio=${ratio(f, e)} (target < 2)`);
    }
  } finally {
    await a.close();
    await b.close();
    await site.close();
  }
}

// ---------------------------------------------------------------------------
// 3. Pulling 10,000 notes

async function pullBench(): Promise<void> {
  const place = await createPlace('sqlite');
  const server = await startServer(place, ['--rate', '0']);
  const token = await addUser(place, 'bench');
  const articles: Article[] = [];
  for (let i = 0; i < 1000; i++) articles.push(await articleRecord(`https://news.example/story-${i}`, `Story ${i}`, i));
  const notes: Note[] = Array.from({ length: 10_000 }, (_, i) => ({
    id: noteId(i),
    articleId: articles[i % 1000]!.id,
    body: `Note ${i} about the licence timing and the export filing, with a few more words.`,
    tags: [`t${i % 30}`],
    entities: [],
    quote: null,
    position: null,
    createdAt: 1_700_000_000_000 + i,
    updatedAt: 1_700_000_000_000 + i,
    deleted: false,
  }));
  const file = notesFile(articles, notes);
  const [writer, reader, local] = [await launchWithGloss(), await launchWithGloss(), await launchWithGloss()];
  try {
    const w = await extensionPage(writer, 'options.html');
    await ui(w, 'ui.importNotes', { json: file });
    await ui(w, 'ui.setSync', { url: server.url, token });
    for (;;) {
      const s = await ui<{ pending: number; lastError?: string }>(w, 'ui.syncStatus', {});
      if (s.pending === 0 && !s.lastError) break;
      await ui(w, 'ui.syncNow', {});
    }
    const pulls: number[] = [];
    const r = await extensionPage(reader, 'options.html');
    let t = performance.now();
    await ui(r, 'ui.setSync', { url: server.url, token });
    const count = await r.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const open = indexedDB.open('gloss');
          open.onsuccess = () => {
            const req = open.result.transaction('notes').objectStore('notes').count();
            req.onsuccess = () => resolve(req.result);
          };
        }),
    );
    pulls.push(performance.now() - t);
    const l = await extensionPage(local, 'notes.html');
    t = performance.now();
    await ui(l, 'ui.importNotes', { json: file });
    const importMs = performance.now() - t;
    console.log(`sync_pull: notes=10,000 articles=1,000 pulled=${count} fresh_browser_pull_ms=${fmt(pulls[0]!)} local_import_ms=${fmt(importMs)} ratio=${ratio(pulls[0]!, importMs)} (target < 3)`);
  } finally {
    await Promise.all([writer.close(), reader.close(), local.close()]);
    await server.stop();
    await place.drop();
  }
}

const only = process.env.BENCH_ONLY;
if (!only || only === 'reanchor') await reanchorBench();
if (!only || only === 'years') await yearsBench();
if (!only || only === 'pull') await pullBench();
