// Anchoring notes on the page: a selection becomes W3C selectors (the quote with some
// text either side, and its offsets), and on each visit every quote is found again:
// exactly here, or, for quotes the edited page no longer has word for word,
// approximately in the background, away from the page's main thread.

import { describeQuote, findExactQuote, isSureMatch } from '../../engine/quote';
import type { AnchorRequest, PageNote } from '../../messaging/protocol';
import type { TextPosition, TextQuote } from '../../model';
import { yieldToPage } from './page-text';
import type { TextModel } from './text-model';

/** Work between turns given back to the page, as in the scanner: about half a frame. */
const SLICE_MS = 8;

const CONTEXT = 32;
const MAX_QUOTE = 5000;

export function describeSelection(model: TextModel, range: Range): { quote: TextQuote; position: TextPosition } | undefined {
  const span = model.span(range);
  if (!span) return undefined;
  // Leading and trailing spaces of a selection are not part of what was quoted.
  let { start, end } = span;
  const text = model.text;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end <= start) return undefined;
  if (end - start > MAX_QUOTE) end = start + MAX_QUOTE;
  return { quote: describeQuote(text, start, end, CONTEXT), position: { start, end } };
}

export interface Anchored {
  note: PageNote;
  start: number;
  end: number;
}

export async function anchorNotes(
  model: TextModel,
  notes: readonly PageNote[],
  approximate: (text: string, quotes: AnchorRequest[]) => Promise<{ id: string; start: number; end: number }[]>,
): Promise<{ anchored: Anchored[]; orphaned: PageNote[] }> {
  const anchored: Anchored[] = [];
  const missing: PageNote[] = [];
  let sliceStart = performance.now();
  for (const note of notes) {
    if (!note.quote) continue;
    if (performance.now() - sliceStart > SLICE_MS) {
      await yieldToPage();
      sliceStart = performance.now();
    }
    const m = findExactQuote(model.text, note.quote, note.position?.start ?? null);
    if (m && isSureMatch(model.text, m, note.quote)) anchored.push({ note, start: m.start, end: m.end });
    else missing.push(note);
  }
  if (missing.length === 0) return { anchored, orphaned: [] };
  let found: { id: string; start: number; end: number }[] = [];
  try {
    found = await approximate(
      model.text,
      missing.map((n) => ({ id: n.id, exact: n.quote!.exact, prefix: n.quote!.prefix, suffix: n.quote!.suffix, start: n.position?.start ?? null })),
    );
  } catch {
    // The background could not help (too long a page): those quotes stay unfound.
  }
  const byId = new Map(found.map((f) => [f.id, f]));
  const orphaned: PageNote[] = [];
  for (const note of missing) {
    const f = byId.get(note.id);
    if (f && f.end <= model.text.length && f.end > f.start) anchored.push({ note, start: f.start, end: f.end });
    else orphaned.push(note);
  }
  return { anchored, orphaned };
}
