// What Gloss costs on hostile pages (tests/support/hostile-pages.ts), measured the way
// DevTools measures: from a Chromium trace of the page's renderer main thread. (The Long
// Tasks API does not report tasks that run only an extension's content script.) Each
// page is loaded in Chromium with the built extension and in Chromium without it, with
// the same window of time traced from navigation on.
//   - a task is a top-level event on the main thread (a task, or a microtask checkpoint);
//   - Gloss's tasks are those in which the CPU profiler sampled its content script;
//   - the main-thread time Gloss added is the busy time with it minus the busy time
//     without it (so it includes what Chromium does because of Gloss, such as painting
//     highlights).
import { chromium, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, inGloss, launchWithGloss } from '../../tests/support/browser';
import { bigTextPage, deepPage, millionNodesPage, tickerPage } from '../../tests/support/hostile-pages';
import { serveDirectory } from '../../tests/support/server';
import { analyse, CATEGORIES, type PageCost, type TraceEvent } from './trace';

const WINDOW_MS = Number(process.env.BENCH_HOSTILE_WINDOW_MS ?? 8000);
const RUNS = Number(process.env.BENCH_HOSTILE_RUNS ?? 5);

const PAGES = {
  deep: { path: '/deep.html', html: deepPage },
  '10mb_text': { path: '/big-text.html', html: bigTextPage },
  million_nodes: { path: '/million.html', html: millionNodesPage },
  ticker: { path: '/ticker.html', html: tickerPage },
} as const;

/** Traces one load of `url` for the window and returns what the page's main thread did. */
async function traced(context: BrowserContext, url: string, withGloss: boolean): Promise<PageCost> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
  const start = Date.now();
  await page.goto(url, { timeout: 60_000 });
  await new Promise((r) => setTimeout(r, Math.max(0, WINDOW_MS - (Date.now() - start))));
  const frames = (await page.evaluate(() => (window as unknown as { tickerFrames?: number }).tickerFrames).catch(() => undefined)) ?? undefined;
  const started = withGloss ? (await inGloss(page, 'globalThis.gloss?.ready === true')) === true : false;
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  await done;
  await cdp.detach();
  await page.close();
  return { ...analyse(events, url, WINDOW_MS), frames, started };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (n: number): string => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

/** Measures every hostile page with and without Gloss and prints one line per page. */
export async function benchHostilePages(): Promise<void> {
  const site = await serveDirectory('tests/fixtures/pages', Object.fromEntries(Object.values(PAGES).map((p) => [p.path, p.html()])));
  const plainDir = mkdtempSync(join(tmpdir(), 'gloss-bench-plain-'));
  const plain = await chromium.launchPersistentContext(plainDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const gloss = await launchWithGloss();
  // Let the extension install its pack before the first page.
  const warm: Page = await gloss.context.newPage();
  await warm.goto(site.url + '/el-demo-offshore-training.html');
  await new Promise((r) => setTimeout(r, 1500));
  await warm.close();
  console.log(
    `hostile pages: Chromium trace of the page's main thread, ${WINDOW_MS / 1000} s from navigation, with and without Gloss, median of ${RUNS} runs each (interleaved). ` +
      `Gloss's tasks are those in which the profiler caught its content script; added = busy time with Gloss minus without.`,
  );
  try {
    const only = process.env.BENCH_HOSTILE_PAGES?.split(',');
    for (const [name, p] of Object.entries(PAGES)) {
      if (only && !only.includes(name)) continue;
      const runs: { with: PageCost; without: PageCost }[] = [];
      for (let i = 0; i < RUNS; i++) {
        const without = await traced(plain, site.url + p.path, false);
        const withGloss = await traced(gloss.context, site.url + p.path, true);
        runs.push({ with: withGloss, without });
      }
      const m = (f: (c: PageCost) => number, side: 'with' | 'without' = 'with') => median(runs.map((r) => f(r[side])));
      const added = median(runs.map((r) => r.with.busyMs - r.without.busyMs));
      const frames = runs[0]!.with.frames !== undefined ? ` frames_in_window with=${fmt(m((c) => c.frames ?? 0))} without=${fmt(m((c) => c.frames ?? 0, 'without'))}` : '';
      console.log(
        `hostile_${name}: gloss_started=${runs.every((r) => r.with.started) ? 'yes' : 'NO'} gloss_longest_task_ms=${fmt(m((c) => c.glossLongestTaskMs))} ` +
          `gloss_longest_run_in_a_task_ms=${fmt(m((c) => c.glossLongestRunMs))} gloss_tasks_over_50ms=${fmt(m((c) => c.glossTasksOver50))} gloss_script_ms=${fmt(m((c) => c.glossScriptMs))} added_main_thread_ms=${fmt(added)} ` +
          `(busy_ms with=${fmt(m((c) => c.busyMs))} without=${fmt(m((c) => c.busyMs, 'without'))}; longest_task_ms with=${fmt(m((c) => c.longestTaskMs))} without=${fmt(m((c) => c.longestTaskMs, 'without'))})${frames}`,
      );
    }
  } finally {
    await gloss.close();
    await plain.close();
    await site.close();
    rmSync(plainDir, { recursive: true, force: true });
  }
}
