// The longest task on a page's main thread, from a Chromium trace: the way DevTools
// measures it, and the only way to see tasks that run only an extension's content
// script (the Long Tasks API does not report those).

import type { CDPSession, Page } from '@playwright/test';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string; data?: { frames?: { url?: string; processId?: number }[]; url?: string; processId?: number; scriptName?: string } };
}

export interface TaskStats {
  /** Longest task on the page's renderer main thread, ms. */
  longestTaskMs: number;
  /** Time in tasks of 50 ms or more, ms. */
  longTaskMs: number;
  /** All task time on that thread, ms. */
  busyMs: number;
  /**
   * The same three from the moment the extension's content script started (its first
   * script event in the trace). On a page without scripts of its own, whatever the main
   * thread does after that is the content script's work and the rendering it causes;
   * most of it runs in microtasks and message callbacks that name no script URL.
   */
  extension: { longestTaskMs: number; longTaskMs: number; busyMs: number; tasks: number };
}

/** Trace events that say which script ran. */
const SCRIPT_EVENTS = new Set(['FunctionCall', 'EvaluateScript', 'v8.compile', 'TimerFire', 'FireAnimationFrame']);

const TASK_NAMES = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/** Runs `fn` while tracing, and measures the tasks of renderers showing `origin`. */
export async function traceTasks<T>(page: Page, origin: string, fn: () => Promise<T>): Promise<{ result: T; tasks: TaskStats }> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel'] },
    transferMode: 'ReportEvents',
  });
  const result = await fn();
  await cdp.send('Tracing.end');
  await done;
  await cdp.detach();

  const pids = new Set<number>();
  for (const e of events) {
    for (const f of e.args?.data?.frames ?? []) if (f.url?.startsWith(origin) && f.processId) pids.add(f.processId);
    if (e.args?.data?.url?.startsWith(origin) && e.args.data.processId) pids.add(e.args.data.processId);
  }
  const mains = new Set<string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && pids.has(e.pid)) mains.add(`${e.pid}:${e.tid}`);
  const onMain = (e: TraceEvent) => mains.has(`${e.pid}:${e.tid}`);
  const taskEvents = events.filter((e) => e.ph === 'X' && TASK_NAMES.has(e.name) && onMain(e)).sort((a, b) => a.ts - b.ts);
  const started = events
    .filter((e) => SCRIPT_EVENTS.has(e.name) && onMain(e) && /^(chrome|moz)-extension:/.test(e.args?.data?.url ?? e.args?.data?.scriptName ?? ''))
    .reduce((min, e) => Math.min(min, e.ts), Infinity);
  if (process.env.TRACE_DEBUG) {
    for (const t of taskEvents.filter((t) => t.ts + (t.dur ?? 0) >= started && (t.dur ?? 0) > 30_000)) {
      const inner = events
        .filter((e) => e.ph === 'X' && e.pid === t.pid && e.tid === t.tid && e.ts >= t.ts && e.ts < t.ts + (t.dur ?? 0) && e !== t && (e.dur ?? 0) > 5_000)
        .map((e) => `${e.name}:${((e.dur ?? 0) / 1000).toFixed(1)}`);
      console.log(`  [trace] task ${((t.dur ?? 0) / 1000).toFixed(1)} ms at +${((t.ts - started) / 1000).toFixed(0)} ms: ${inner.slice(0, 8).join(' ')}`);
    }
  }
  const all = taskEvents.map((e) => (e.dur ?? 0) / 1000);
  const ext = taskEvents.filter((t) => t.ts + (t.dur ?? 0) >= started).map((e) => (e.dur ?? 0) / 1000);
  const stats = (xs: number[]) => ({
    longestTaskMs: xs.reduce((a, b) => Math.max(a, b), 0),
    longTaskMs: xs.filter((d) => d >= 50).reduce((a, b) => a + b, 0),
    busyMs: xs.reduce((a, b) => a + b, 0),
  });
  return { result, tasks: { ...stats(all), extension: { ...stats(ext), tasks: ext.length } } };
}
