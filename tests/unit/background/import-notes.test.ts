// A notes file comes from someone: a note in it belongs to the article at the address
// the file gives, never to an article the file names by id alone, so a file cannot put
// notes on pages of other sites (where they would show as the reader's own).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importNotesFile } from '../../../entrypoints/background/import-notes';
import { articleIdentity } from '../../../model';
import { db } from '../../../storage/db';
import { notesOfArticle } from '../../../storage/notes';

beforeEach(async () => {
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

function file(articleId: string, url: string): string {
  const t = 1_760_000_000_000;
  return JSON.stringify({
    format: 'gloss-notes',
    version: 1,
    articles: [{ id: articleId, url, title: 'Your bank', site: 'bank.example', published: null, lang: 'en', createdAt: t, updatedAt: t, deleted: false }],
    notes: [
      {
        id: '01hzzzzzzzzzzzzzzzzzzzzzzz',
        articleId,
        body: 'Security notice: call +1 555 0100 to confirm this transfer.',
        tags: [],
        entities: [],
        quote: null,
        position: null,
        createdAt: t,
        updatedAt: t,
        deleted: false,
      },
    ],
  });
}

describe('importing notes', () => {
  it('puts each note on the article of the address the file gives, whatever id the file claims', async () => {
    const bank = await articleIdentity({ url: 'https://bank.example/transfer' });
    const evil = await articleIdentity({ url: 'https://evil.example/x' });
    const reply = await importNotesFile(file(bank.id, 'https://evil.example/x'));
    expect(reply).toMatchObject({ ok: true, added: 1 });
    expect(await notesOfArticle(bank.id)).toEqual([]);
    expect((await notesOfArticle(evil.id)).map((n) => n.body)).toEqual([expect.stringContaining('Security notice')]);
    expect(await db.articles.get(bank.id)).toBeUndefined();
    // The site shown beside the article is the one of its address.
    expect((await db.articles.get(evil.id))?.site).toBe('evil.example');
  });

  it('keeps the ids of a file Gloss wrote', async () => {
    const story = await articleIdentity({ url: 'https://news.example/h20' });
    expect(await importNotesFile(file(story.id, story.url))).toMatchObject({ ok: true, added: 1 });
    expect((await db.articles.get(story.id))?.url).toBe(story.url);
    expect(await notesOfArticle(story.id)).toHaveLength(1);
  });
});
