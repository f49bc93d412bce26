// Finding a quote in text that was edited since it was written: Myers' bit-parallel
// approximate matcher (approx-string-match, written for Hypothesis's anchoring) lists
// the closest passages, and quote.ts scores them with their context and position.
// Heavier than an exact search, so it runs in the background, never on the page.

import search from 'approx-string-match';
import { findExactQuote, scoreCandidate, type QuoteMatch, type QuoteSelector } from './quote';

/** A match must be at least this sure to be shown as the quote. */
export const MIN_APPROX_SCORE = 0.6;

export function findQuote(text: string, quote: QuoteSelector, hint: number | null): QuoteMatch | undefined {
  const exact = findExactQuote(text, quote, hint);
  if (exact) return exact;
  const len = quote.exact.length;
  if (len === 0) return undefined;
  // A quarter of the quote may differ: a word edited in a sentence, not a new sentence.
  const maxErrors = Math.min(256, Math.floor(len / 4));
  let best: QuoteMatch | undefined;
  for (const m of search(text, quote.exact, maxErrors)) {
    const similarity = 1 - m.errors / len;
    const score = scoreCandidate(text, m.start, m.end, quote, similarity, hint);
    if (!best || score > best.score) best = { start: m.start, end: m.end, score };
  }
  return best && best.score >= MIN_APPROX_SCORE ? best : undefined;
}
