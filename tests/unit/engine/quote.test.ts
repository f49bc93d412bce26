import { describe, expect, it } from 'vitest';
import { describeQuote, findExactQuote, isSureMatch } from '../../../engine/quote';
import { findQuote } from '../../../engine/quote-approx';

const page =
  'Export rules changed. Nvidia told investors that the H20 licence arrived in April. Analysts expect more filings. ' +
  'Later, Nvidia told investors that the H20 licence arrived in April again, a reader wrote.';

describe('finding a quote again', () => {
  const start = page.indexOf('Nvidia told');
  const quote = describeQuote(page, start, start + 'Nvidia told investors that the H20 licence arrived in April'.length);

  it('takes the old position when the text there still matches, context and all', () => {
    expect(findExactQuote(page, quote, start)).toEqual({ start, end: start + quote.exact.length, score: 1 });
  });

  it('tells two copies of the sentence apart by their context, wherever the hint points', () => {
    expect(findExactQuote(page, quote, null)!.start).toBe(start);
    expect(findExactQuote(page, quote, page.length - 1)!.start).toBe(start);
  });

  it('follows the quote when text is inserted before it', () => {
    const edited = `Update: corrected. ${page}`;
    expect(findExactQuote(edited, quote, start)!.start).toBe(start + 'Update: corrected. '.length);
  });

  it('finds an edited quote approximately, and nothing when the sentence is gone', () => {
    const single = page.slice(0, page.indexOf(' Later,'));
    const edited = single.replace('arrived in April. Analysts', 'arrived late in April. Analysts');
    expect(findExactQuote(edited, quote, start)).toBeUndefined();
    const m = findQuote(edited, quote, start)!;
    expect(edited.slice(m.start, m.end)).toContain('arrived late in April');
    const gone = 'Export rules changed. Analysts expect more filings. Something else entirely was written here instead.';
    expect(findQuote(gone, quote, start)).toBeUndefined();
  });

  it('prefers the edited sentence at its place to an identical sentence far away with other context', () => {
    const far = page.replace(' Later,', ` ${'Other news of the day. '.repeat(250)}Later,`);
    const edited = far.replace('arrived in April. Analysts', 'arrived late in April. Analysts');
    const exact = findExactQuote(edited, quote, start)!;
    expect(exact.start).toBeGreaterThan(start + 50);
    expect(isSureMatch(edited, exact, quote)).toBe(false);
    const m = findQuote(edited, quote, start)!;
    expect(m.start).toBe(start);
    expect(edited.slice(m.start, m.end)).toContain('arrived late in April');
  });
});
