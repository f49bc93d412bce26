// What the two-browser specs do on pages, written once against the driver: find a word
// on screen, read the hover card, select text with the mouse, press Gloss's "Add note".
import type { Tab } from '../support/driver';

export { SENTENCE, story, type StoredNote } from '../e2e/notes-support';

export interface Point {
  x: number;
  y: number;
}

/** Screen position of the n-th whole-word occurrence of `text` in the page, scrolled into view. */
export function pointAt(tab: Tab, text: string, nth = 0): Promise<Point> {
  return tab.evaluate(
    ({ text, nth }) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const data = (n as Text).data;
        for (let i = data.indexOf(text); i >= 0; i = data.indexOf(text, i + 1)) {
          if (/[\p{L}\p{N}]/u.test(data[i + text.length] ?? '')) continue;
          if (seen++ < nth) continue;
          const range = document.createRange();
          range.setStart(n, i);
          range.setEnd(n, i + text.length);
          (n.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
          const r = range.getBoundingClientRect();
          return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
        }
      }
      throw new Error(`no "${text}" on the page`);
    },
    { text, nth },
  );
}

/** What the shown hover card says, read from the page. */
export interface ShownCard {
  kind: 'entity' | 'note';
  name: string;
  /** The kind badge: "Chip", "Company"... */
  badge: string;
  summary: string;
  summaryLang: string | null;
  events: { datetime: string | null; firstSource: string | null }[];
  noteBody: string;
  tags: string[];
  box: { x: number; y: number; width: number; height: number };
}

/**
 * The hover card as shown now, or null when none is shown. The one place that knows
 * where the card lives: a closed shadow root at the end of <html>, reached the way only
 * the browser's automation protocol can (Tab.inShadow).
 */
export async function shownCard(tab: Tab): Promise<ShownCard | null> {
  return tab.inShadow(
    'gloss-card',
    (root) => {
      const layer = root.querySelector('.gloss-layer.gloss-shown');
      const card = layer?.querySelector<HTMLElement>('.gloss-card[role="dialog"]');
      if (!layer || !card || getComputedStyle(layer).visibility !== 'visible') return null;
      const r = card.getBoundingClientRect();
      const text = (sel: string) => card.querySelector(sel)?.textContent?.trim() ?? '';
      return {
        kind: card.classList.contains('gloss-note-card') ? ('note' as const) : ('entity' as const),
        name: text('.gloss-name'),
        badge: text('.gloss-kind'),
        summary: text('.gloss-summary'),
        summaryLang: card.querySelector('.gloss-summary')?.getAttribute('lang') ?? null,
        events: [...card.querySelectorAll('.gloss-event')].map((e) => ({
          datetime: e.querySelector('time')?.getAttribute('datetime') ?? null,
          firstSource: e.querySelector('.gloss-sources a')?.getAttribute('href') ?? null,
        })),
        noteBody: text('.gloss-note-body'),
        tags: [...card.querySelectorAll('.gloss-tag')].map((t) => t.textContent ?? ''),
        box: { x: r.x, y: r.y, width: r.width, height: r.height },
      };
    },
    null,
  );
}

/** Waits for a hover card to be shown and returns it. */
export async function waitForCard(tab: Tab, timeoutMs = 10_000): Promise<ShownCard> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const card = await shownCard(tab).catch(() => null);
    if (card) return card;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for a hover card on ${tab.url}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Selects `text` with a real mouse drag and returns what the page says is selected. */
export async function dragSelect(tab: Tab, text: string): Promise<string> {
  const box = await tab.evaluate((text) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = (n as Text).data.indexOf(text);
      if (i < 0) continue;
      (n.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
      const first = document.createRange();
      first.setStart(n, i);
      first.setEnd(n, i + 1);
      const last = document.createRange();
      last.setStart(n, i + text.length - 1);
      last.setEnd(n, i + text.length);
      const a = first.getClientRects()[0]!;
      const b = [...last.getClientRects()].pop()!;
      return { x1: a.left + 0.5, y1: a.top + a.height / 2, x2: b.right - 0.5, y2: b.top + b.height / 2 };
    }
    throw new Error(`no "${text}" on the page`);
  }, text);
  await tab.drag({ x: box.x1, y: box.y1 }, { x: box.x2, y: box.y2 });
  return tab.evaluate(() => document.getSelection()?.toString() ?? '');
}

/**
 * Clicks Gloss's "Add note" button by the selection, once it is shown: it appears a
 * moment after the selection is made (later on a busy machine), in a closed shadow root
 * reached the way only the automation protocol can (Tab.inShadow).
 */
export async function clickAddNote(tab: Tab, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const at = await tab.inShadow(
      'gloss-notes',
      (root) => {
        const button = root.querySelector<HTMLButtonElement>('.gloss-add-note');
        if (!button || button.hidden) return null;
        const r = button.getBoundingClientRect();
        return r.width > 0 ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null;
      },
      null,
    );
    if (at) return tab.clickAt(at.x, at.y);
    if (Date.now() > deadline) throw new Error(`no "Add note" button by the selection after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The highlight the keyboard is on (Gloss's focus ring): its text, where it is in the document, its centre on screen. */
export interface Ring {
  text: string;
  /** Its place in the document, the same whatever the scroll. */
  key: string;
  center: Point;
}

export function focusRing(tab: Tab): Promise<Ring | null> {
  return tab.evaluate(() => {
    const h = CSS.highlights.get('gloss-focus');
    const r = h ? [...h][0] : undefined;
    if (!r) return null;
    const range = document.createRange();
    range.setStart(r.startContainer, r.startOffset);
    range.setEnd(r.endContainer, r.endOffset);
    const box = range.getBoundingClientRect();
    return {
      text: range.toString(),
      key: `${Math.round(box.top + scrollY)}:${Math.round(box.left + scrollX)}`,
      center: { x: box.left + box.width / 2, y: box.top + box.height / 2 },
    };
  });
}

/** Where a word of the painted note quote is on screen, for hovering it. */
export function quoteWordAt(tab: Tab, word: string): Promise<Point> {
  return tab.evaluate((word) => {
    const r = [...CSS.highlights.get('gloss-note')!][0]!;
    const node = r.startContainer as Text;
    const i = node.data.indexOf(word, r.startOffset);
    const range = document.createRange();
    range.setStart(node, i);
    range.setEnd(node, i + word.length);
    const box = range.getClientRects()[0]!;
    return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  }, word);
}

/** Asks the background for the sync state, as the options page does. */
export function syncStatus(options: Tab): Promise<{ configured: boolean; pending: number; lastError?: string; lastSync?: number }> {
  return options.evaluate(async () => {
    const g = globalThis as any;
    const reply = await (g.browser ?? g.chrome).runtime.sendMessage({ type: 'ui.syncStatus', payload: {} });
    return reply.result;
  });
}
