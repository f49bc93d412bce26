// page.anchor makes the background run an approximate search (hundreds of milliseconds
// for a long quote over a long page): a content script, which a compromised page can
// speak for, must not choose what it searches for or how often.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../entrypoints/background/handlers';
import type { Caller } from '../../../messaging/router';
import { articleIdentity } from '../../../model';
import { db } from '../../../storage/db';
import { addNote } from '../../../storage/notes';

const info = { title: 'H20 licences', published: null, lang: 'en' };
const page = (url: string): Caller => ({ kind: 'page', tabId: 3, url, frameId: 0, incognito: false });
const QUOTE = 'The Commerce Department told Nvidia that the H20 needs a licence for China';
// The page as it reads after an edit: one word of the quote changed.
const EDITED = `Intro text. ${QUOTE.replace('told', 'informed')}, the company said. More text follows here.`;

beforeEach(async () => {
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

async function noteOn(url: string, exact = QUOTE) {
  const article = await articleIdentity({ url });
  return addNote(article, info, { body: 'check', quote: { exact, prefix: '', suffix: '' }, position: null });
}

describe('page.anchor', () => {
  it('finds the reader’s own note on this site by its stored quote', async () => {
    const note = await noteOn('https://news.example/h20');
    const { handlers } = createHandlers(Promise.resolve());
    const reply = await handlers['page.anchor']({ text: EDITED, quotes: [{ id: note.id, exact: QUOTE, prefix: '', suffix: '', start: null }] }, page('https://news.example/h20'));
    expect(reply.found).toEqual([expect.objectContaining({ id: note.id })]);
  });

  it('searches for nothing the page made up: unknown ids, another site’s notes, or other text under a real id', async () => {
    const own = await noteOn('https://news.example/h20');
    const elsewhere = await noteOn('https://other.example/h20');
    const { handlers } = createHandlers(Promise.resolve());
    const ask = (id: string, exact: string) => handlers['page.anchor']({ text: EDITED, quotes: [{ id, exact, prefix: '', suffix: '', start: null }] }, page('https://news.example/h20'));
    expect((await ask('0'.repeat(26), QUOTE)).found).toEqual([]);
    expect((await ask(elsewhere.id, QUOTE)).found).toEqual([]);
    // The page's words are not what is searched for: the note's own quote is.
    const found = (await ask(own.id, 'More text follows here')).found;
    expect(found).toHaveLength(1);
    expect(EDITED.slice(found[0]!.start, found[0]!.end)).toContain('informed Nvidia');
  });

  it('searches for each note once, however often the page names it', async () => {
    const note = await noteOn('https://news.example/h20');
    const { handlers } = createHandlers(Promise.resolve());
    const quotes = Array.from({ length: 500 }, () => ({ id: note.id, exact: QUOTE, prefix: '', suffix: '', start: null }));
    const reply = await handlers['page.anchor']({ text: EDITED, quotes }, page('https://news.example/h20'));
    expect(reply.found).toHaveLength(1);
  });
});
