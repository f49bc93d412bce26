import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { cardElements, openArticle, tabIdOf, waitForGloss } from '../support/browser';
import { serveDirectory } from '../support/server';
import { expect, SCREENSHOTS, test } from './fixtures';
import { noteSelection, paintedQuotes, SENTENCE, storedNotes, story } from './notes-support';

test('an edited page still finds the quote approximately; a removed quote is listed as not found, never dropped', async ({ gloss }) => {
  const routes: Record<string, string> = {};
  const site = await serveDirectory('tests/fixtures/pages', routes);
  routes['/story.html'] = story();
  try {
    const page = await openArticle(gloss.context, `${site.url}/story.html`);
    await noteSelection(page, SENTENCE, 'Date matters.');
    await expect.poll(() => paintedQuotes(page)).toEqual([SENTENCE]);

    // A word edited in the sentence and a paragraph inserted before it.
    const edited = SENTENCE.replace('weeks after', 'three weeks after');
    routes['/story.html'] = story({ sentence: edited, before: '<p>Update: this story was corrected on 16 April to add the timing.</p>' });
    await page.reload();
    await waitForGloss(page);
    await expect.poll(() => paintedQuotes(page)).toEqual([expect.stringContaining('three weeks after')]);
    const painted = (await paintedQuotes(page))[0]!;
    expect(painted.startsWith('Nvidia told investors')).toBe(true);

    // The sentence is gone: nothing is painted, and the popup lists the note as not found.
    routes['/story.html'] = story({ sentence: null });
    await page.reload();
    await waitForGloss(page);
    const tabId = await tabIdOf(gloss.worker, `${site.url}/story.html`);
    await expect.poll(() => paintedQuotes(page)).toEqual([]);
    // The page has looked for the quote (exactly, then approximately in the background)
    // and said it is gone: the popup reads that when it opens.
    const orphaned = () =>
      gloss.worker.evaluate(async (key) => {
        const tab = (await (globalThis as any).chrome.storage.session.get(key))[key] as { orphaned?: string[] } | undefined;
        return tab?.orphaned?.length ?? 0;
      }, `tab:${tabId}`);
    await expect.poll(orphaned).toBe(1);
    const popup = await gloss.context.newPage();
    await popup.goto(`chrome-extension://${gloss.extensionId}/popup.html?tab=${tabId}`);
    const item = popup.locator('.article-notes .note-item');
    await expect(item).toHaveCount(1);
    await expect(item.locator('.note-quote')).toContainText(SENTENCE);
    await expect(item.locator('.note-orphaned')).toBeVisible();
    expect((await storedNotes(gloss.worker)).map((n) => [n.body, n.deleted])).toEqual([['Date matters.', false]]);
  } finally {
    await site.close();
  }
});

test('export as Web Annotations, delete all, import: the same notes; a malformed file is refused and changes nothing', async ({ gloss }) => {
  const routes: Record<string, string> = {};
  const site = await serveDirectory('tests/fixtures/pages', routes);
  routes['/story.html'] = story();
  try {
    const page = await openArticle(gloss.context, `${site.url}/story.html`);
    await noteSelection(page, SENTENCE, 'Δύο εβδομάδες μετά · 两周后 · "quoted"', 'timing');
    await expect.poll(async () => (await storedNotes(gloss.worker)).length).toBe(1);

    // A second note, without a quote, from the popup.
    const tabId = await tabIdOf(gloss.worker, `${site.url}/story.html`);
    const popup = await gloss.context.newPage();
    await popup.goto(`chrome-extension://${gloss.extensionId}/popup.html?tab=${tabId}`);
    await popup.getByRole('button', { name: 'Add a note' }).click();
    await popup.getByLabel('Note', { exact: true }).fill('Call the press office.\nAsk about Q3.');
    await popup.getByRole('button', { name: 'Save note' }).click();
    await expect(popup.locator('.article-notes .note-item')).toHaveCount(2);
    const before = (await storedNotes(gloss.worker)).map(({ id, body, tags, quote, position, createdAt, articleId }) => ({ id, body, tags, quote, position, createdAt, articleId }));

    const view = await gloss.context.newPage();
    await view.goto(`chrome-extension://${gloss.extensionId}/notes.html`);
    await expect(view.locator('.note-item')).toHaveCount(2);
    await view.screenshot({ path: join(SCREENSHOTS, 'notes-view.png'), fullPage: true });
    const [download] = await Promise.all([view.waitForEvent('download'), view.getByRole('button', { name: /Web Annotations/ }).click()]);
    const file = await download.path();
    const jsonld = JSON.parse(await readFile(file!, 'utf8'));
    expect(jsonld.type).toBe('AnnotationCollection');

    view.once('dialog', (d) => void d.accept());
    await view.getByRole('button', { name: 'Delete all notes' }).click();
    await expect(view.locator('.note-item')).toHaveCount(0);
    expect((await storedNotes(gloss.worker)).every((n) => n.deleted)).toBe(true);

    // Refused whole, with the reason, and nothing changes.
    await view.locator('input[type="file"]').setInputFiles({ name: 'broken.jsonld', mimeType: 'application/ld+json', buffer: Buffer.from('{"type": "AnnotationCollection", "items": [{"type": "Annotation", "target": "javascript:alert(1)"}') });
    await expect(view.locator('.status')).toContainText('was not imported; nothing changed');
    expect((await storedNotes(gloss.worker)).every((n) => n.deleted)).toBe(true);

    await view.locator('input[type="file"]').setInputFiles(file!);
    await expect(view.locator('.status')).toContainText('Imported: 0 new, 2 restored, 0 already here.');
    await expect(view.locator('.note-item')).toHaveCount(2);
    const after = (await storedNotes(gloss.worker)).map(({ id, body, tags, quote, position, createdAt, articleId }) => ({ id, body, tags, quote, position, createdAt, articleId }));
    expect(after).toEqual(before);
    // Importing the same file again finds only duplicates.
    await view.locator('input[type="file"]').setInputFiles(file!);
    await expect(view.locator('.status')).toContainText('Imported: 0 new, 0 restored, 2 already here.');
  } finally {
    await site.close();
  }
});
test('the shortcut and the context menu (the message both send) open the composer for the selection; a card’s “Note this” notes its mention', async ({ gloss, site }) => {
  const url = `${site.url}/el-demo-offshore-training.html`;
  const page = await openArticle(gloss.context, url);
  const tabId = await tabIdOf(gloss.worker, url);

  // Select the page title's text with the keyboard-free API, as a reader's selection
  // would stand, then ask as Alt+Shift+U and the context menu do.
  const title = await page.evaluate(() => {
    const h1 = document.querySelector('h1')!;
    const range = document.createRange();
    range.selectNodeContents(h1);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
    return h1.textContent!.trim();
  });
  await gloss.worker.evaluate((tabId) => (globalThis as any).chrome.tabs.sendMessage(tabId, { type: 'gloss.addNote' }), tabId);
  await page.keyboard.type('Headline to check.');
  await page.keyboard.press('Control+Enter');
  await expect.poll(async () => (await storedNotes(gloss.worker)).map((n) => [n.body, n.quote?.exact])).toEqual([['Headline to check.', title]]);

  // "Note this" in the card of H20: a note quoting that mention, about that entity.
  const box = await page.evaluate(() => {
    for (const r of CSS.highlights.get('gloss-chip')!) {
      const range = r as AbstractRange;
      if ((range.startContainer as Text).data.slice(range.startOffset, range.endOffset) !== 'H20') continue;
      const live = document.createRange();
      live.setStart(range.startContainer, range.startOffset);
      live.setEnd(range.endContainer, range.endOffset);
      (range.startContainer.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
      const b = live.getBoundingClientRect();
      return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
    }
    throw new Error('no H20 highlight');
  });
  await page.mouse.move(box.x, box.y - 40);
  await page.mouse.move(box.x, box.y, { steps: 4 });
  // The card is in a closed shadow root: find the button through the DevTools protocol, click it with the mouse.
  await expect.poll(async () => (await cardElements(page, '.gloss-note-this')).length).toBe(1);
  const button = (await cardElements(page, '.gloss-note-this', { reveal: true }))[0]!.box;
  await page.mouse.move(button.x + button.width / 2, button.y + button.height / 2, { steps: 5 });
  await page.mouse.down();
  await page.mouse.up();
  await page.keyboard.type('Which H20 shipment?');
  await page.keyboard.press('Control+Enter');
  await expect.poll(async () => (await storedNotes(gloss.worker)).length).toBe(2);
  const noted = (await storedNotes(gloss.worker)).find((n) => n.body === 'Which H20 shipment?')!;
  expect(noted.entities).toEqual(['h20']);
  expect(noted.quote?.exact).toBe('H20');
});
