// Finding a quote in text that was edited since it was written: Myers' bit-parallel
// approximate matcher (approx-string-match, written for Hypothesis's anchoring) lists
// the closest passages, and quote.ts scores them with their context and position.
// Heavier than an exact search, so it runs in the background, never on the page.

import search from 'approx-string-match';
import { findExactQuote, isSureMatch, scoreCandidate, type QuoteMatch, type QuoteSelector } from './quote';

const NEAR = 4096;

/** A match must be at least this sure to be shown as the quote. */
export const MIN_APPROX_SCORE = 0.6;

export function findQuote(text: string, quote: QuoteSelector, hint: number | null): QuoteMatch | undefined {
  const exact = findExactQuote(text, quote, hint);
  if (exact && isSureMatch(text, exact, quote)) return exact;
  const len = quote.exact.length;
  if (len === 0) return exact;
  // A quarter of the quote may differ: a word edited in a sentence, not a new sentence.
  // An exact copy elsewhere with other context competes on the same score.
  const maxErrors = Math.min(256, Math.floor(len / 4));
  let best: QuoteMatch | undefined = exact;
  const consider = (from: number, slice: string) => {
    for (const m of search(slice, quote.exact, maxErrors)) {
      const start = from + m.start;
      const end = from + m.end;
      const score = scoreCandidate(text, start, end, quote, 1 - m.errors / len, hint);
      if (!best || score > best.score) best = { start, end, score };
    }
  };
  // The search reports only the closest passages of the text it is given, so a copy
  // elsewhere would hide an edited quote at its old place: look near the old place too.
  if (hint !== null) {
    const from = Math.max(0, hint - NEAR);
    consider(from, text.slice(from, hint + len + NEAR));
  }
  consider(0, text);
  return best && best.score >= MIN_APPROX_SCORE ? best : undefined;
}
