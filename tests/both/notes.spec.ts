import { join } from 'node:path';
import { paintedQuotes, type Gloss } from '../support/driver';
import { expect, test } from './fixtures';
import { clickAddNote, dragSelect, quoteWordAt, SENTENCE, story, waitForCard, type StoredNote } from './support';

/** Selects the sentence with the mouse, presses "Add note", types the note and saves it with Ctrl+Enter. */
async function addNote(page: Awaited<ReturnType<Gloss['openArticle']>>, body: string, tags?: string, screenshot?: string): Promise<void> {
  const selected = await dragSelect(page, SENTENCE);
  expect(selected.trim()).toBe(SENTENCE);
  await clickAddNote(page);
  // The composer takes focus: type the note (and tags), save with Ctrl+Enter.
  await page.type(body);
  if (tags !== undefined) {
    await page.press('Tab');
    await page.type(tags);
  }
  if (screenshot) await page.screenshot(screenshot);
  await page.press('Control+Enter');
  await expect.poll(() => paintedQuotes(page)).toEqual([SENTENCE]);
}

test('a selected sentence becomes a note: re-anchored after reload, shown on hover and in the popup, the same through a tracking link', async ({ gloss, site, screenshots }) => {
  site.routes['/story.html'] = story({ canonical: `${site.url}/story.html` });
  const page = await gloss.openArticle(`${site.url}/story.html?utm_source=newsletter&utm_medium=email#top`);
  await addNote(page, 'Check the April date against the filing.', 'licences, h20', join(screenshots, 'note-composer.png'));

  const [note] = await gloss.storedRecords<StoredNote>('notes');
  expect(note).toMatchObject({ body: 'Check the April date against the filing.', tags: ['licences', 'h20'], deleted: false });
  expect(note!.quote).toMatchObject({ exact: SENTENCE });
  expect(note!.quote!.prefix.length).toBeGreaterThan(0);
  expect(note!.position!.end - note!.position!.start).toBe(SENTENCE.length);

  await page.reload();
  await expect.poll(() => paintedQuotes(page)).toEqual([SENTENCE]);

  // A word of the quote that is not itself a highlighted mention (those show their entity's card).
  const { x, y } = await quoteWordAt(page, 'investors');
  await page.move(x, y - 60);
  await page.move(x, y, 4);
  const card = await waitForCard(page);
  expect(card.kind).toBe('note');
  expect(card.noteBody).toBe('Check the April date against the filing.');
  expect(card.tags).toEqual(['#licences', '#h20']);
  await page.screenshot(join(screenshots, 'note-hover.png'));

  // The canonical address is the same article: the same note is painted there, and listed in its popup.
  const canonical = await gloss.openArticle(`${site.url}/story.html`);
  await expect.poll(() => paintedQuotes(canonical)).toEqual([SENTENCE]);
  const popup = await gloss.openPopup(canonical);
  const item = `.article-notes .note-item[data-note="${note!.id}"]`;
  expect(await popup.waitFor(`${item} .note-quote`)).toContain(SENTENCE);
  expect(await popup.waitFor(`${item} .note-body`)).toBe('Check the April date against the filing.');
  await popup.screenshot(join(screenshots, 'popup-article-notes.png'), { fullPage: true });
});

test('notes survive closing and reopening the browser on the same profile', async ({ launch, site }) => {
  site.routes['/story.html'] = story();
  const first = await launch();
  await addNote(await first.openArticle(`${site.url}/story.html`), 'Kept across restarts.');
  await first.close();

  const again = await launch(first.browser, { profileDir: first.profileDir });
  expect((await again.storedRecords<StoredNote>('notes')).map((n) => n.body)).toEqual(['Kept across restarts.']);
  const page = await again.openArticle(`${site.url}/story.html`);
  await expect.poll(() => paintedQuotes(page)).toEqual([SENTENCE]);
});
