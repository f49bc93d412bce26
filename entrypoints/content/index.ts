import './style.css';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { decodeDictionary } from '../../engine/compiled';
import { send } from '../../messaging/client';
import type { Broadcast } from '../../messaging/protocol';
import { readPageMeta } from './article-meta';
import { CardPresenter } from './card';
import { trackHover } from './hover';
import { NotesLayer } from './notes';
import { PageScanner, type FoundMention } from './scanner';

/** Above this many changed nodes in one batch, one full rescan is cheaper. */
const FULL_RESCAN_THRESHOLD = 1000;
const MUTATION_DELAY_MS = 60;
const REPORT_DELAY_MS = 400;

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    if (typeof Highlight !== 'function' || !CSS.highlights || !document.body) return;
    void run(ctx);
  },
});

async function run(ctx: ContentScriptContext): Promise<void> {
  const signal = ctx.signal;
  let scanner: PageScanner | undefined;
  let reportTimer: number | undefined;
  const notes = new NotesLayer(
    {
      notes: (meta) => send('page.notes', { meta }),
      add: (note) => send('page.addNote', note),
      status: (orphaned) => send('page.noteStatus', { orphaned }),
      approximate: async (text, quotes) => (await send('page.anchor', { text, quotes })).found,
    },
    signal,
  );

  const report = (): void => {
    if (reportTimer !== undefined) clearTimeout(reportTimer);
    reportTimer = ctx.setTimeout(() => {
      reportTimer = undefined;
      if (!scanner) return;
      void send('page.mentions', { title: document.title.slice(0, 1000), mentions: scanner.summary(), meta: readPageMeta() }).catch(() => undefined);
    }, REPORT_DELAY_MS);
  };

  const load = async (): Promise<void> => {
    const { encoded, muted } = await send('page.dictionary', {});
    const next = new PageScanner(decodeDictionary(encoded), new Set(muted));
    await next.scan(document.body, signal);
    scanner?.reset();
    scanner = next;
    next.show();
    report();
  };

  try {
    await load();
  } catch (e) {
    if (!signal.aborted) console.warn('Gloss could not start on this page:', e);
    return;
  }
  if (signal.aborted) return;

  // Later changes: rescan only what changed, batched.
  const changed = new Set<Node>();
  let removed = false;
  let flushTimer: number | undefined;
  const flush = async (): Promise<void> => {
    flushTimer = undefined;
    const s = scanner;
    if (!s) return;
    const nodes = [...changed].filter((n) => !hasAncestorIn(n, changed));
    changed.clear();
    if (removed) s.sweep();
    removed = false;
    if (nodes.length > FULL_RESCAN_THRESHOLD) {
      s.reset();
      await s.scan(document.body, signal);
    } else {
      await s.rescan(nodes, signal);
    }
    report();
    notes.pageChanged();
  };
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'characterData') changed.add(r.target);
      else {
        r.addedNodes.forEach((n) => changed.add(n));
        if (r.removedNodes.length > 0) removed = true;
      }
    }
    flushTimer ??= ctx.setTimeout(() => void flush(), MUTATION_DELAY_MS);
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  signal.addEventListener('abort', () => observer.disconnect());

  // Single-page apps: a new article under a new URL gets its own report.
  ctx.addEventListener(window, 'wxt:locationchange', () => report());

  const cards = new CardPresenter(
    (entity) => send('page.card', { entity, lang: navigator.language }),
    navigator.language,
    signal,
    (key, card) => notes.compose({ range: (key as FoundMention).range, entity: { id: card.id, name: card.name } }),
  );
  trackHover(
    () => scanner,
    notes,
    {
      enter(m, rect) {
        const s = scanner;
        if (s) cards.enter(m, s.dict.entities[m.entity]!, (m.range.startContainer as Text).data.slice(m.start, m.end), rect);
      },
      enterNote: (note, rect) => cards.enterNote(note, rect),
      leave: () => cards.leave(),
    },
    signal,
  );
  notes.watchSelection();
  void notes.load().catch(() => undefined);

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (sender.id !== browser.runtime.id || signal.aborted) return;
    const m = message as Broadcast;
    if (m?.type === 'gloss.dictionaryChanged') void load().catch(() => undefined);
    else if (m?.type === 'gloss.notesChanged') void notes.load().catch(() => undefined);
    else if (m?.type === 'gloss.addNote') notes.compose();
    else if (m?.type === 'gloss.mutedChanged' && Array.isArray(m.muted)) {
      scanner?.setMuted(new Set(m.muted.filter((x) => typeof x === 'string')));
      report();
    }
  });

  // Tests and tools wait for this before interacting with the page.
  document.documentElement.setAttribute('data-gloss-ready', '');
}

function hasAncestorIn(node: Node, set: ReadonlySet<Node>): boolean {
  for (let p = node.parentNode; p; p = p.parentNode) if (set.has(p)) return true;
  return false;
}
