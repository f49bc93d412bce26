// One text node can hold megabytes. Matching it in one go holds the page's main thread
// for hundreds of milliseconds, so long text is matched in pieces, with turns for the
// page between them, and the pieces' candidates are put together as one scan of the
// whole text would have found them.

import type { Candidate, Matcher } from '../../engine';
import { MAX_PATTERN_LENGTH } from '../../engine/compiled';

/** Text longer than this is matched in pieces of about this size (a few ms of matching each). */
export const PIECE = 32 * 1024;
/** How far past a piece's end a cut between words is looked for. */
const CUT_SEARCH = 1024;

/**
 * Candidates of `text` (offsets in it), matched piece by piece. `pause` is called
 * between pieces and may give the page a turn; when it answers false (the page went
 * away) the scan stops with undefined.
 *
 * Pieces end between words, and each piece is matched with enough text after its end
 * for the longest alias, keeping what starts inside it: a mention across a cut is
 * found whole, and nothing starts inside a word. (A false friend across a cut does not
 * hide a mention after the cut: a tolerated difference on hostile text.)
 */
export async function scanInPieces(matcher: Matcher, text: string, known: Uint8Array | undefined, pause: () => Promise<boolean>): Promise<Candidate[] | undefined> {
  const out: Candidate[] = [];
  let from = 0;
  while (from < text.length) {
    const cut = cutAfter(text, from + PIECE);
    const window = cut >= text.length ? text.slice(from) : text.slice(from, Math.min(text.length, cut + MAX_PATTERN_LENGTH + 1));
    let next = cut;
    for (const c of matcher.scan(window, known)) {
      if (from + c.start >= cut) break;
      // The matcher's result may be shared: each kept candidate is a new object.
      out.push({ pattern: c.pattern, start: from + c.start, end: from + c.end, alts: c.alts });
      next = Math.max(next, from + c.end);
    }
    from = next;
    if (from < text.length && !(await pause())) return undefined;
  }
  return out;
}

/** The first place at or after `at` that is not inside a word, or `at` itself if none is near. */
function cutAfter(text: string, at: number): number {
  if (at >= text.length) return text.length;
  const end = Math.min(text.length, at + CUT_SEARCH);
  for (let i = at; i < end; i++) if (!WORD.test(text[i]!)) return i;
  return at;
}

const WORD = /[\p{L}\p{N}\p{M}]/u;
