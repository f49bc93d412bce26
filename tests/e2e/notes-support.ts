// Helpers for the notes tests: an article whose text a test can change between visits,
// selecting text with the real mouse, and reading what Gloss stored and painted.
import { expect, type Page, type Worker } from '@playwright/test';
import { inShadowRoot } from '../support/browser';

export const SENTENCE = 'Nvidia told investors that the H20 licence arrived in April, weeks after the first filing.';

export function story(options: { canonical?: string; before?: string; sentence?: string | null; after?: string } = {}): string {
  const sentence = options.sentence === undefined ? SENTENCE : options.sentence;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Chip licences, explained</title>
  ${options.canonical ? `<link rel="canonical" href="${options.canonical}">` : ''}
  <meta property="article:published_time" content="2025-04-15T09:30:00Z">
  </head><body><article><h1>Chip licences, explained</h1>
  ${options.before ?? ''}
  <p>Export rules for AI chips changed several times this year. Companies had to apply for licences.</p>
  <p id="quoted">${sentence ?? ''} Analysts expect more filings.</p>
  <p>${options.after ?? 'The Commerce Department did not comment on the new guidance.'}</p>
  </article></body></html>`;
}

/** Selects `text` with a real mouse drag and returns what the page says is selected. */
export async function dragSelect(page: Page, text: string): Promise<string> {
  const box = await page.evaluate((text) => {
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
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move(box.x2, box.y2, { steps: 8 });
  await page.mouse.up();
  return page.evaluate(() => document.getSelection()?.toString() ?? '');
}

/**
 * Clicks Gloss's "Add note" button by the selection once it is shown (it appears a
 * moment after the selection is made, later on a busy machine), in its closed shadow root.
 */
export async function clickAddNote(page: Page): Promise<void> {
  const shownAt = () =>
    inShadowRoot(
      page,
      'gloss-notes',
      `function () {
        const button = this.querySelector('.gloss-add-note');
        if (!button || button.hidden) return null;
        const r = button.getBoundingClientRect();
        return r.width > 0 ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null;
      }`,
      [],
    ) as Promise<{ x: number; y: number } | null>;
  await expect.poll(shownAt, { message: 'the "Add note" button by the selection' }).not.toBeNull();
  const at = (await shownAt())!;
  await page.mouse.click(at.x, at.y);
}

/** Selects `text` with the mouse, opens the composer from the button by the selection, types the note (and tags) and saves it with Ctrl+Enter. */
export async function noteSelection(page: Page, text: string, body: string, tags?: string): Promise<void> {
  await dragSelect(page, text);
  await clickAddNote(page);
  await page.keyboard.type(body);
  if (tags !== undefined) {
    await page.keyboard.press('Tab');
    await page.keyboard.type(tags);
  }
  await page.keyboard.press('Control+Enter');
}

/** The text of every range Gloss paints as a note quote. */
export function paintedQuotes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const h = CSS.highlights.get('gloss-note');
    if (!h) return [];
    return [...h].map((r) => {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      return range.toString();
    });
  });
}

export interface StoredNote {
  id: string;
  articleId: string;
  body: string;
  tags: string[];
  entities: string[];
  quote: { exact: string; prefix: string; suffix: string } | null;
  position: { start: number; end: number } | null;
  deleted: boolean;
  createdAt: number;
  updatedAt: number;
}

/** Notes as IndexedDB holds them, read in the extension's own context. */
export function storedNotes(worker: Worker): Promise<StoredNote[]> {
  return worker.evaluate(
    () =>
      new Promise<StoredNote[]>((resolve, reject) => {
        const open = indexedDB.open('gloss');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('notes').objectStore('notes').getAll();
          req.onsuccess = () => resolve(req.result as StoredNote[]);
          req.onerror = () => reject(req.error);
        };
      }),
  );
}
