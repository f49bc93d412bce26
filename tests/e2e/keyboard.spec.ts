// The keyboard path end to end: the browser's shortcut (through the background's own
// command listener) moves to the next or previous highlight, rings it, opens its card
// with focus inside; Tab moves within the card; Esc closes it and gives focus back.
// The pause shortcut pauses Gloss on this page and says so.
import { launchWithGloss, openArticle, tabIdOf } from '../support/browser';
import { serveDirectory, type StaticServer } from '../support/server';
import { expect, test } from './fixtures';
import { noteSelection, paintedQuotes, story } from './notes-support';
import { ARTICLE, cardState, focusRing, painted, pressCommand, shownCardName } from './reader-support';

let site: StaticServer;
test.beforeAll(async () => {
  site = await serveDirectory('tests/fixtures/pages', { '/article.html': ARTICLE });
});
test.afterAll(async () => site.close());

test('next and previous highlight by shortcut: ring, card with focus, Tab inside, Esc returns focus', async ({ gloss }) => {
  const url = site.url + '/article.html';
  const page = await openArticle(gloss.context, url);
  await expect.poll(() => painted(page)).toHaveLength(6);
  const tabId = await tabIdOf(gloss.worker, url);
  await page.focus('#before');

  await pressCommand(gloss, 'next-mention', tabId);
  await expect.poll(() => shownCardName(page)).toBe('Nvidia');
  expect(await focusRing(page)).toEqual(['Nvidia']);
  const state = (await cardState(page))!;
  expect(state.shown).toBe(true);
  // Focus is in the card's dialog, named by the entity and described by kind and summary.
  expect(state.focused).toBe('div.gloss-card');
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('GLOSS-CARD');
  expect(state.dialog).toMatchObject({ role: 'dialog', 'aria-labelledby': 'gloss-name', 'aria-describedby': 'gloss-kind gloss-summary', tabindex: '-1' });
  // Each part says its language: the UI's for labels, the pack's text's for the rest.
  expect(state.langs.card).toBe('en');
  expect(state.langs.summary).toBe('en');
  expect(state.langs.name).toBe('en');

  await pressCommand(gloss, 'next-mention', tabId);
  await expect.poll(() => focusRing(page)).toEqual(['H20']);
  await expect.poll(() => shownCardName(page)).toBe('Nvidia H20');
  await pressCommand(gloss, 'next-mention', tabId);
  await expect.poll(() => focusRing(page)).toEqual(['Nvidia']);
  await pressCommand(gloss, 'previous-mention', tabId);
  await expect.poll(() => focusRing(page)).toEqual(['H20']);
  expect((await cardState(page))!.focused).toBe('div.gloss-card');

  // Tab stays a keyboard path inside the card: to its first control.
  await page.keyboard.press('Tab');
  await expect.poll(async () => (await cardState(page))?.focused).toMatch(/^(a|button)/);

  await page.keyboard.press('Escape');
  await expect.poll(async () => (await cardState(page))?.shown).toBe(false);
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('before');
  expect(await focusRing(page)).toEqual([]);
});

test('the pause shortcut pauses Gloss on this page only, says so, and resumes', async ({ gloss }) => {
  const url = site.url + '/article.html';
  const page = await openArticle(gloss.context, url);
  await expect.poll(() => painted(page)).toHaveLength(6);
  const tabId = await tabIdOf(gloss.worker, url);
  const other = await openArticle(gloss.context, url);

  await pressCommand(gloss, 'toggle-pause', tabId);
  await expect.poll(() => painted(page)).toEqual([]);
  await expect.poll(async () => (await cardState(page))?.live).toBe('Gloss paused on this page');
  expect(await painted(other)).toHaveLength(6);
  // Nothing opens while paused.
  await pressCommand(gloss, 'next-mention', tabId);
  await expect.poll(async () => (await cardState(page))?.live).toBe('Gloss has no highlights on this page');
  expect((await cardState(page))!.shown).toBe(false);

  await pressCommand(gloss, 'toggle-pause', tabId);
  await expect.poll(() => painted(page)).toHaveLength(6);
  await expect.poll(async () => (await cardState(page))?.live).toBe('Gloss resumed on this page');
});

test('a command the page does not know is not forwarded, and a forged one is ignored', async ({ gloss }) => {
  const url = site.url + '/article.html';
  const page = await openArticle(gloss.context, url);
  await expect.poll(() => painted(page)).toHaveLength(6);
  const tabId = await tabIdOf(gloss.worker, url);
  await gloss.worker.evaluate((tabId) => (globalThis as any).chrome.tabs.sendMessage(tabId, { type: 'gloss.command', command: 'explode' }), tabId);
  await pressCommand(gloss, 'explode', tabId);
  await page.waitForTimeout(300);
  expect(await cardState(page)).toBeNull();
  expect(await painted(page)).toHaveLength(6);
});

test('the shortcuts are registered with the browser, described in the UI language and changeable there', async ({ gloss }) => {
  const commands = (await gloss.worker.evaluate(() => (globalThis as any).chrome.commands.getAll())) as { name: string; shortcut: string; description: string }[];
  const byName = Object.fromEntries(commands.map((c) => [c.name, c]));
  expect(byName['next-mention']).toMatchObject({ shortcut: 'Alt+Shift+J', description: 'Go to the next highlight and open its card' });
  expect(byName['previous-mention']).toMatchObject({ shortcut: 'Alt+Shift+K', description: 'Go to the previous highlight and open its card' });
  expect(byName['toggle-pause']).toMatchObject({ shortcut: 'Alt+Shift+G', description: 'Pause or resume Gloss on this page' });
  expect(byName['add-note']).toMatchObject({ shortcut: 'Alt+Shift+U', description: 'Add a note to the selected text' });
});

test('on a Greek page in a Greek browser each part of the card says its own language', async ({ site: fixtures }) => {
  const greek = await launchWithGloss({ locale: 'el-GR' });
  try {
    const url = fixtures.url + '/el-demo-offshore-training.html';
    const page = await openArticle(greek.context, url);
    await expect.poll(async () => (await painted(page)).length).toBeGreaterThan(3);
    const tabId = await tabIdOf(greek.worker, url);
    await pressCommand(greek, 'next-mention', tabId);
    await expect.poll(() => shownCardName(page)).toBeTruthy();
    const { langs } = (await cardState(page))!;
    // The page is lang="el": nothing in the card may inherit that by accident.
    for (const part of ['card', 'name', 'summary', 'timeline'] as const) expect(langs[part], part).toMatch(/^(el|en)/);
    expect(langs.summary).toBe('el');
    // Labels are in the UI's language, the card's own.
    expect(langs.timeline ?? langs.card).toBe(langs.card);
  } finally {
    await greek.close();
  }
});

test("paused, the reader's note quotes are not painted either; resumed, they are back", async ({ gloss }) => {
  const server = await serveDirectory('tests/fixtures/pages', { '/story.html': story() });
  try {
    const url = server.url + '/story.html';
    const page = await openArticle(gloss.context, url);
    await noteSelection(page, 'the H20 licence arrived in April', 'Check the date.');
    await expect.poll(() => paintedQuotes(page)).toEqual(['the H20 licence arrived in April']);
    const tabId = await tabIdOf(gloss.worker, url);
    await pressCommand(gloss, 'toggle-pause', tabId);
    await expect.poll(() => paintedQuotes(page)).toEqual([]);
    expect(await painted(page)).toEqual([]);
    await pressCommand(gloss, 'toggle-pause', tabId);
    await expect.poll(() => paintedQuotes(page)).toEqual(['the H20 licence arrived in April']);
  } finally {
    await server.close();
  }
});
