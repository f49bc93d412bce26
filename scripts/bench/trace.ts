// Reading Chromium traces the way DevTools does: the tasks of a page's renderer main
// thread, and which of them ran Gloss's content script (the CPU profiler caught it on
// the stack). The Long Tasks API does not report tasks that run only an extension's
// content script; a trace does.
//   - a task is a top-level event on the main thread (a task, or a microtask checkpoint);
//   - Gloss's tasks are those in which the profiler sampled its content script.

import type { Page } from '@playwright/test';

export const CATEGORIES = ['devtools.timeline', 'toplevel', 'v8.execute', 'disabled-by-default-v8.cpu_profiler', '__metadata'];
const LONG_TASK_MS = 50;

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  id?: string;
  args?: { name?: string; data?: any };
}

export interface PageCost {
  /** Sum of the main thread's tasks, ms. */
  busyMs: number;
  longestTaskMs: number;
  tasksOver50: number;
  /** Longest task in which Gloss's content script ran, ms (0 without Gloss). */
  glossLongestTaskMs: number;
  glossTasksOver50: number;
  /** Time the profiler saw Gloss's content script running, ms. */
  glossScriptMs: number;
  /** The most Gloss ran within one task, ms (a task may hold the page's own work too). */
  glossLongestRunMs: number;
  /** Frames the ticker page ran (the page counts them). */
  frames?: number;
  started: boolean;
}

/** What the main thread of the renderer that loaded `url` did, from its commit on (for `windowMs`, or to the end of the trace). */
export function analyse(events: TraceEvent[], url: string, windowMs = Infinity): Omit<PageCost, 'frames' | 'started'> {
  const commit = events.find((e) => e.name === 'CommitLoad' && e.args?.data?.url === url);
  if (!commit) throw new Error(`no CommitLoad for ${url} in the trace`);
  const pid = commit.pid;
  const main = events.find((e) => e.name === 'thread_name' && e.pid === pid && e.args?.name === 'CrRendererMain');
  if (!main) throw new Error('no renderer main thread in the trace');
  const from = commit.ts;
  const until = from + windowMs * 1000;
  const complete = events
    .filter((e) => e.pid === pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined && e.ts >= from && e.ts < until)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const tasks: TraceEvent[] = [];
  let end = -Infinity;
  for (const e of complete) {
    if (e.ts < end) continue;
    tasks.push(e);
    end = e.ts + e.dur!;
  }
  const gloss = glossSamples(events, pid);
  let j = 0;
  let glossLongest = 0;
  let glossOver50 = 0;
  let glossRun = 0;
  for (const t of tasks) {
    while (j < gloss.times.length && gloss.times[j]! < t.ts) j++;
    let k = j;
    while (k < gloss.times.length && gloss.times[k]! <= t.ts + t.dur!) k++;
    if (k === j) continue;
    glossLongest = Math.max(glossLongest, t.dur! / 1000);
    glossRun = Math.max(glossRun, ((k - j) * gloss.intervalUs) / 1000);
    if (t.dur! / 1000 > LONG_TASK_MS) glossOver50++;
  }
  const inWindow = gloss.times.filter((t) => t >= from && t < until).length;
  if (process.env.BENCH_DEBUG) {
    // Where Gloss spent its longest task: the leaf functions the profiler caught there.
    const longest = tasks.filter((t) => gloss.times.some((g) => g >= t.ts && g <= t.ts + t.dur!)).sort((a, b) => b.dur! - a.dur!)[0];
    if (longest) {
      const counts = new Map<string, number>();
      for (const f of gloss.frames) {
        const [ts, fn] = [Number(f.slice(0, f.indexOf(' '))), f.slice(f.indexOf(' ') + 1)];
        if (ts >= longest.ts && ts <= longest.ts + longest.dur!) counts.set(fn, (counts.get(fn) ?? 0) + 1);
      }
      console.log(`  longest Gloss task ${(longest.dur! / 1000).toFixed(1)} ms (${longest.name}):`, [...counts].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k}×${v}`).join(' '));
      const inside = complete.filter((e) => e !== longest && e.ts >= longest.ts && e.ts + e.dur! <= longest.ts + longest.dur! && e.dur! > 2000);
      console.log('  events in it:', inside.slice(0, 12).map((e) => `${e.name}:${(e.dur! / 1000).toFixed(1)}`).join(' '));
    }
    const worst = [...tasks].sort((a, b) => b.dur! - a.dur!).slice(0, 3);
    for (const w of worst) {
      const inside = complete.filter((e) => e !== w && e.ts >= w.ts && e.ts + e.dur! <= w.ts + w.dur! && e.dur! > 2000);
      console.log(`  a long task ${(w.dur! / 1000).toFixed(1)} ms at +${((w.ts - from) / 1000).toFixed(0)} ms:`, inside.slice(0, 10).map((e) => `${e.name}:${(e.dur! / 1000).toFixed(1)}`).join(' '));
    }
  }
  return {
    busyMs: tasks.reduce((n, t) => n + t.dur!, 0) / 1000,
    longestTaskMs: Math.max(0, ...tasks.map((t) => t.dur! / 1000)),
    tasksOver50: tasks.filter((t) => t.dur! / 1000 > LONG_TASK_MS).length,
    glossLongestTaskMs: glossLongest,
    glossTasksOver50: glossOver50,
    glossScriptMs: (inWindow * gloss.intervalUs) / 1000,
    glossLongestRunMs: glossRun,
  };
}

/** Times (trace µs) at which the CPU profiler caught the extension's script on the stack. */
function glossSamples(events: TraceEvent[], pid: number): { times: number[]; intervalUs: number; frames: string[] } {
  const profiles = new Map<string, { start: number; nodes: Map<number, { url: string; parent?: number; fn: string }>; samples: number[]; deltas: number[] }>();
  for (const e of events) {
    if (e.pid !== pid || e.id === undefined) continue;
    if (e.name === 'Profile') profiles.set(e.id, { start: e.args!.data.startTime, nodes: new Map(), samples: [], deltas: [] });
    else if (e.name === 'ProfileChunk') {
      const p = profiles.get(e.id);
      const d = e.args?.data;
      if (!p || !d) continue;
      for (const n of d.cpuProfile?.nodes ?? []) p.nodes.set(n.id, { url: n.callFrame?.url ?? '', parent: n.parent, fn: `${n.callFrame?.functionName || '(anonymous)'}:${n.callFrame?.lineNumber}:${n.callFrame?.columnNumber}` });
      p.samples.push(...(d.cpuProfile?.samples ?? []));
      p.deltas.push(...(d.timeDeltas ?? []));
    }
  }
  const times: number[] = [];
  const frames: string[] = [];
  let total = 0;
  let count = 0;
  for (const p of profiles.values()) {
    const ours = new Map<number, boolean>();
    const isOurs = (id: number): boolean => {
      const known = ours.get(id);
      if (known !== undefined) return known;
      // Iterative: profiles of deep pages have deep stacks too.
      const path: number[] = [];
      let verdict = false;
      for (let at: number | undefined = id; at !== undefined; ) {
        const k = ours.get(at);
        if (k !== undefined) {
          verdict = k;
          break;
        }
        const node = p.nodes.get(at);
        if (!node) break;
        path.push(at);
        if (node.url.startsWith('chrome-extension://')) {
          verdict = true;
          break;
        }
        at = node.parent;
      }
      for (const n of path) ours.set(n, verdict);
      return verdict;
    };
    let t = p.start;
    p.samples.forEach((s, i) => {
      const delta = p.deltas[i] ?? 0;
      t += delta;
      total += delta;
      count++;
      if (isOurs(s)) {
        times.push(t);
        const stack: string[] = [];
        for (let at: number | undefined = s; at !== undefined && stack.length < 6; at = p.nodes.get(at)?.parent) stack.push(p.nodes.get(at)?.fn.replace(/:\d+$/, '') ?? '?');
        frames.push(`${t} ${stack.join(' < ')}`);
      }
    });
  }
  times.sort((a, b) => a - b);
  return { times, intervalUs: count > 0 ? total / count : 0, frames };
}


/** Traces `fn` (which navigates `page` to `url` and waits for what it measures) and reads the trace. */
export async function traceTasks<T>(page: Page, url: string, fn: () => Promise<T>): Promise<{ result: T; cost: Omit<PageCost, 'frames' | 'started'> }> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
  const result = await fn();
  await cdp.send('Tracing.end');
  await done;
  await cdp.detach();
  return { result, cost: analyse(events, url) };
}
