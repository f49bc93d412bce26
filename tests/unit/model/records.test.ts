import { describe, expect, it } from 'vitest';
import { checkRecord, MAX_NOTE_LENGTH, MAX_QUOTE_LENGTH } from '../../../model';
import { N1 } from './interchange-fixture';

describe('record limits, as people read them', () => {
  it('writes the limits of a note and of a quote the same way, with thousands separated', () => {
    const longNote = checkRecord('note', { ...N1, body: 'x'.repeat(MAX_NOTE_LENGTH + 1) });
    const longQuote = checkRecord('note', { ...N1, quote: { ...N1.quote!, exact: 'x'.repeat(MAX_QUOTE_LENGTH + 1) } });
    expect(longNote).toEqual({ ok: false, message: 'body: a note is at most 20,000 characters' });
    expect(longQuote).toEqual({ ok: false, message: 'quote.exact: a quote is at most 5,000 characters' });
  });
});
