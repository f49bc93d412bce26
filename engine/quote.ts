// Finding a quoted passage again in a page's text (W3C TextQuoteSelector with a
// TextPositionSelector as a hint). Pure string work, no DOM: the content script turns
// ranges into text offsets and back. An exact match is looked for here; when the page
// was edited, quote-approx.ts (run in the background, off the page's thread) finds the
// closest passage. Both score candidates the same way: the quote itself, the text
// around it, and how near it is to where it used to be.

export interface QuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
}

export interface QuoteMatch {
  start: number;
  end: number;
  /** 0..1: how sure the match is. */
  score: number;
}

/** How much of the context on either side agrees, 0..1, read outwards from the quote. */
export function contextScore(text: string, start: number, end: number, quote: QuoteSelector): number {
  let agree = 0;
  let total = 0;
  if (quote.prefix) {
    total += quote.prefix.length;
    let i = 0;
    while (i < quote.prefix.length && start - 1 - i >= 0 && text[start - 1 - i] === quote.prefix[quote.prefix.length - 1 - i]) i++;
    agree += i;
  }
  if (quote.suffix) {
    total += quote.suffix.length;
    let i = 0;
    while (i < quote.suffix.length && end + i < text.length && text[end + i] === quote.suffix[i]) i++;
    agree += i;
  }
  return total === 0 ? 1 : agree / total;
}

/** Overall score of a candidate: the quote weighs most, then context, then position. */
export function scoreCandidate(text: string, start: number, end: number, quote: QuoteSelector, quoteSimilarity: number, hint: number | null): number {
  const context = contextScore(text, start, end, quote);
  const position = hint === null || text.length === 0 ? 0.5 : 1 - Math.min(1, Math.abs(start - hint) / text.length);
  return (quoteSimilarity * 50 + context * 20 + position * 2) / 72;
}

/** Most places an exact quote is looked at; a quote repeated more often is told apart by the first ones. */
const MAX_OCCURRENCES = 200;

/** How far around its old place a quote is looked for first (pages grow and shrink a little). */
const NEAR = 4096;

/** The quote, exactly as written, at its best-scoring place; undefined if the text does not contain it. */
export function findExactQuote(text: string, quote: QuoteSelector, hint: number | null): QuoteMatch | undefined {
  const { exact } = quote;
  if (!exact) return undefined;
  if (hint !== null && text.startsWith(exact, hint) && contextScore(text, hint, hint + exact.length, quote) === 1) {
    return { start: hint, end: hint + exact.length, score: 1 };
  }
  // Near its old place with all its context: that is the quote, without reading the
  // whole page (an edit above it only moved it).
  if (hint !== null) {
    for (let at = text.indexOf(exact, Math.max(0, hint - NEAR)); at !== -1 && at <= hint + NEAR; at = text.indexOf(exact, at + 1)) {
      if (contextScore(text, at, at + exact.length, quote) === 1) return { start: at, end: at + exact.length, score: scoreCandidate(text, at, at + exact.length, quote, 1, hint) };
    }
  }
  let best: QuoteMatch | undefined;
  let seen = 0;
  for (let at = text.indexOf(exact); at !== -1 && seen < MAX_OCCURRENCES; at = text.indexOf(exact, at + 1), seen++) {
    const score = scoreCandidate(text, at, at + exact.length, quote, 1, hint);
    if (!best || score > best.score) best = { start: at, end: at + exact.length, score };
  }
  return best;
}

/**
 * An exact match is taken on the page only when its context mostly agrees; otherwise
 * (the quoted sentence was edited and an identical sentence stands elsewhere) the
 * approximate search decides between it and near-matches at the old place.
 */
export const SURE_CONTEXT = 0.5;

export function isSureMatch(text: string, m: QuoteMatch, quote: QuoteSelector): boolean {
  return contextScore(text, m.start, m.end, quote) >= SURE_CONTEXT;
}

/** The selector for a passage of the text: the quote and up to `context` characters either side. */
export function describeQuote(text: string, start: number, end: number, context = 32): QuoteSelector {
  return { exact: text.slice(start, end), prefix: text.slice(Math.max(0, start - context), start), suffix: text.slice(end, end + context) };
}
