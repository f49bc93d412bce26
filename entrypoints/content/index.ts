import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { decodeDictionary, type CompiledDictionary } from '../../engine/compiled';
import { send } from '../../messaging/client';
import { t } from '../../components/i18n';
import { PAGE_COMMANDS, type EffectiveSettingsReply } from '../../messaging/protocol';
import { readPageMeta } from './article-meta';
import { onBroadcast } from './broadcasts';
import { CardPresenter } from './card';
import { trackHover } from './hover';
import { PageChanges } from './changes';
import { NotesLayer } from './notes';
import { PageScanner, type FoundMention } from './scanner';
import { showHighlight } from './paint';

/** Above this many changed nodes in one batch, one full read of the page is cheaper. */
const FULL_RESCAN_THRESHOLD = 1000;
const REPORT_DELAY_MS = 400;
/** Names read per page at most (docs/decisions/0010-hostile-pages-and-private-packs.md). */
const MAX_CANDIDATES = 10_000;
const WATCH_MS = 1000;

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  // Same-origin frames too (an article in an iframe, about:blank frames a page writes
  // into); frames of other origins are left alone (below).
  allFrames: true,
  matchAboutBlank: true,
  main() {
    if (typeof Highlight !== 'function' || !CSS.highlights || !document.body || !sameOriginAsTop()) return;
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
  // What the reader chose (storage/site-settings.ts), and the pause shortcut's pause of
  // this page alone (not stored: it ends with the page).
  let settings: EffectiveSettingsReply = { siteOff: false, paused: false, mode: 'all', hiddenKinds: [] };
  let pagePaused = false;
  const off = (): boolean => settings.siteOff || settings.paused || pagePaused;
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
      if (!scanner && !off()) return;
      // Off or paused: an empty report clears the toolbar badge and records nothing.
      const mentions = scanner && !off() ? scanner.summary() : [];
      void send('page.mentions', { title: document.title.slice(0, 1000), mentions, meta: readPageMeta() }).catch(() => undefined);
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
    notes.setPaused(off());
    if (off()) {
      // Off or paused: nothing painted, no card, nothing reported.
      scanner?.reset();
      scanner?.hide();
      scanner = undefined;
      cards.hideNow();
      report();
      return;
    }
    const next = new PageScanner(dictionary.dict, dictionary.muted, {
      hidden: dictionary.hidden,
      maxCandidates: MAX_CANDIDATES,
      firstOfEach: settings.mode === 'first',
      hiddenKinds: new Set(settings.hiddenKinds),
      shadowRoot: (root) => changes?.watchShadow(root),
    });
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
    const reply = await send('page.dictionary', {});
    const { encoded, muted, hidden } = reply;
    settings = reply.settings;
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

  // The keyboard's place among the highlights, shown by a highlight of its own (no
  // element, nothing in the page's layout).
  let focused: FoundMention | undefined;
  const ring = new Highlight();
  ring.priority = 1;
  cards.onHide = () => {
    focused = undefined;
    ring.clear();
    CSS.highlights.delete('gloss-focus');
  };
  const open = (m: FoundMention, focus: boolean): Promise<void> => {
    const node = m.range.startContainer as Text;
    return cards.pin(m, scanner!.dict.entities[m.entity]!, node.data.slice(m.start, m.end), () => rangeOf(m).getBoundingClientRect(), node.parentElement, focus);
  };
  /** Next or previous highlight after the one the keyboard is on (or from what the window shows), its card focused. */
  const step = async (dir: 1 | -1): Promise<void> => {
    const list = scanner?.reachable() ?? [];
    if (list.length === 0) return cards.announce(t('pageNoHighlights'));
    let i = focused ? list.indexOf(focused) : -1;
    if (i >= 0) i = (i + dir + list.length) % list.length;
    else {
      const seen = list.map((m) => rangeOf(m).getBoundingClientRect());
      i = dir > 0 ? seen.findIndex((r) => r.bottom > 0) : seen.findLastIndex((r) => r.top < innerHeight);
      if (i < 0) i = dir > 0 ? 0 : list.length - 1;
    }
    const m = list[i]!;
    const range = rangeOf(m);
    let rect = range.getBoundingClientRect();
    if (rect.top < 0 || rect.bottom > innerHeight) {
      (m.range.startContainer.parentElement as Element).scrollIntoView({ block: 'center', inline: 'nearest' });
      rect = range.getBoundingClientRect();
      if (rect.top < 0 || rect.bottom > innerHeight) window.scrollBy(0, rect.top - innerHeight / 3);
      rect = range.getBoundingClientRect();
    }
    ring.clear();
    ring.add(m.range);
    showHighlight('gloss-focus', ring);
    focused = m;
    await open(m, true);
  };
  const togglePause = (): void => {
    pagePaused = !pagePaused;
    cards.announce(t(pagePaused ? 'pagePaused' : 'pageResumed'));
    void rebuild();
  };

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

  for (const root of scanner?.shadowRoots ?? []) changes.watchShadow(root);

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
        if (s) cards.enter(m, s.dict.entities[m.entity]!, (m.range.startContainer as Text).data.slice(m.start, m.end), rect, m.range.startContainer.parentElement);
      },
      enterNote: (note, rect) => cards.enterNote(note, rect),
      leave: () => cards.leave(),
      tap: (m) => void open(m, false),
      tapAway(e) {
        if (cards.open && !cards.contains(e)) cards.hideNow();
      },
    },
    signal,
  );
  notes.watchSelection();
  void notes.load().catch(() => undefined);

  onBroadcast((m) => {
    if (m?.type === 'gloss.dictionaryChanged' || m?.type === 'gloss.settingsChanged') void load().catch(() => undefined);
    else if (m?.type === 'gloss.command' && PAGE_COMMANDS.includes(m.command)) {
      if (m.command === 'toggle-pause') togglePause();
      else void step(m.command === 'next-mention' ? 1 : -1);
    }
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

/**
 * The top frame, or a frame of its origin big enough to hold an article: tracking pixels
 * and ad slots (often same-origin about:blank frames) do not each get a dictionary.
 */
function sameOriginAsTop(): boolean {
  try {
    return window === window.top || (window.top!.location.origin === location.origin && innerWidth >= 200 && innerHeight >= 100);
  } catch {
    return false;
  }
}

function rangeOf(m: FoundMention): Range {
  const r = document.createRange();
  r.setStart(m.range.startContainer, m.start);
  r.setEnd(m.range.startContainer, m.end);
  return r;
}
