import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { decodeDictionary, type CompiledDictionary } from '../../engine/compiled';
import { send } from '../../messaging/client';
import { readPageMeta } from './article-meta';
import { onBroadcast } from './broadcasts';
import { CardPresenter } from './card';
import { trackHover } from './hover';
import { PageChanges } from './changes';
import { NotesLayer } from './notes';
import { PageScanner, type FoundMention } from './scanner';

/** Above this many changed nodes in one batch, one full read of the page is cheaper. */
const FULL_RESCAN_THRESHOLD = 1000;
const REPORT_DELAY_MS = 400;
/** Names read per page at most (docs/decisions/0010-hostile-pages-and-private-packs.md). */
const MAX_CANDIDATES = 10_000;
const WATCH_MS = 1000;

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main() {
    if (typeof Highlight !== 'function' || !CSS.highlights || !document.body) return;
    void run(lifetime());
  },
});

/**
 * Gloss's life on a page ends when the extension goes away (updated, reloaded or
 * removed), and only then. (WXT's context also ends when a "newer script" event
 * arrives, and any page can dispatch that event to switch Gloss off.)
 */
function lifetime(): AbortSignal {
  const life = new AbortController();
  const check = window.setInterval(() => {
    if (browser.runtime?.id) return;
    clearInterval(check);
    life.abort();
  }, WATCH_MS);
  return life.signal;
}

async function run(signal: AbortSignal): Promise<void> {
  let scanner: PageScanner | undefined;
  let dictionary: { dict: CompiledDictionary; muted: Set<string>; hidden: Set<string> } | undefined;
  let changes: PageChanges | undefined;
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
    reportTimer = window.setTimeout(() => {
      reportTimer = undefined;
      if (!scanner) return;
      void send('page.mentions', { title: document.title.slice(0, 1000), mentions: scanner.summary(), meta: readPageMeta() }).catch(() => undefined);
    }, REPORT_DELAY_MS);
  };

  // Whole-page reads and batches of changes take turns, so no batch is applied to a
  // scanner that is being replaced.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };

  /** Reads the whole page into a new scanner and shows it in place of the old one. */
  const rebuildNow = async (): Promise<void> => {
    if (!dictionary) return;
    const next = new PageScanner(dictionary.dict, dictionary.muted, { hidden: dictionary.hidden, maxCandidates: MAX_CANDIDATES });
    await next.scan(document.body, signal);
    if (signal.aborted) return;
    if (changes) next.drop(changes.unsettledTexts());
    const old = scanner;
    scanner = next;
    next.show();
    old?.reset();
    old?.hide();
    report();
  };
  const rebuild = (): Promise<void> => serial(rebuildNow);

  const load = async (): Promise<void> => {
    const { encoded, muted, hidden } = await send('page.dictionary', {});
    dictionary = { dict: decodeDictionary(encoded), muted: new Set(muted), hidden: new Set(hidden) };
    cards.forget();
    await rebuild();
  };

  const cards = new CardPresenter(
    (entity) => send('page.card', { entity, lang: navigator.language }),
    navigator.language,
    signal,
    (key, card) => notes.compose({ range: (key as FoundMention).range, entity: { id: card.id, name: card.name } }),
  );

  try {
    await load();
  } catch (e) {
    if (!signal.aborted) console.warn('Gloss could not start on this page:', e);
    return;
  }
  if (signal.aborted) return;

  // Later changes: only what changed is read again, in batches (changes.ts).
  changes = new PageChanges(
    document.body,
    {
      changed: (nodes, removed) =>
        serial(async () => {
          const s = scanner;
          if (!s) return;
          if (removed) s.sweep();
          if (nodes.length > FULL_RESCAN_THRESHOLD) await rebuildNow();
          else await s.rescan(nodes, signal);
          report();
          notes.pageChanged();
        }),
      unsettled: (texts) => scanner?.drop(texts),
      missed: () => rebuild(),
    },
    signal,
  );

  // Single-page apps: a new article under a new URL gets its own report.
  let address = location.href;
  const watch = window.setInterval(() => {
    if (location.href === address) return;
    address = location.href;
    report();
  }, WATCH_MS);
  signal.addEventListener('abort', () => {
    clearInterval(watch);
    clearTimeout(reportTimer);
  });

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

  onBroadcast((m) => {
    if (m?.type === 'gloss.dictionaryChanged') void load().catch(() => undefined);
    else if (m?.type === 'gloss.notesChanged') void notes.load().catch(() => undefined);
    else if (m?.type === 'gloss.addNote') notes.compose();
    else if (m?.type === 'gloss.mutedChanged' && Array.isArray(m.muted)) {
      const muted = new Set(m.muted.filter((x) => typeof x === 'string'));
      if (dictionary) dictionary.muted = muted;
      scanner?.setMuted(muted);
      report();
    }
  }, signal);

  // Only Gloss's own isolated world can see this (tests read it over the DevTools
  // protocol): the page's DOM carries no sign that Gloss is installed.
  (globalThis as { gloss?: object }).gloss = { ready: true, changes: changes.stats };
}
