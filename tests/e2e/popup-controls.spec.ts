// The popup's top controls (per-site off, pause everywhere, highlight mode, kinds), muted
// entities staying listed, honest states for tabs Gloss did not read, and the welcome
// page on install: driven as a reader would, with keyboard and pointer, in the built
// extension; settings are read back from the background (ui.siteSettings).
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { seriousViolations } from '../support/axe';
import { launchWithGloss, openArticle, paintedMentions, tabIdOf, type GlossBrowser } from '../support/browser';
import { expect, GREEK_ARTICLE, SCREENSHOTS, test } from './fixtures';

// The extension's API where a test evaluates in an extension page or the service worker.
const chrome = (globalThis as any).chrome;

async function popupFor(gloss: GlossBrowser, tabId: number): Promise<Page> {
  const popup = await gloss.context.newPage();
  await popup.setViewportSize({ width: 380, height: 600 });
  await popup.goto(`chrome-extension://${gloss.extensionId}/popup.html?tab=${tabId}`);
  return popup;
}

/** What the background has stored for this tab's site and everywhere, asked as the popup asks. */
function storedSettings(popup: Page, tabId: number) {
  return popup.evaluate(
    (tabId) => chrome.runtime.sendMessage({ type: 'ui.siteSettings', payload: { tabId } }).then((r: { ok: boolean; result: unknown }) => r.result),
    tabId,
  ) as Promise<{ site: string | null; effective: { siteOff: boolean; paused: boolean } | null; everywhere: { off: boolean; mode: string; hiddenKinds: string[] } }>;
}

test('the popup’s first controls turn Gloss off on the site, pause it, pick the mode and the kinds, and store each choice', async ({ gloss, site }) => {
  const article = await openArticle(gloss.context, site.url + GREEK_ARTICLE);
  const tabId = await tabIdOf(gloss.worker, article.url());
  const popup = await popupFor(gloss, tabId);
  await expect(popup.locator('.mention-row').first()).toBeVisible();

  // The controls come first: the site switch is the first thing Tab reaches.
  await popup.keyboard.press('Tab');
  const host = new URL(site.url).hostname;
  await expect(popup.locator(':focus')).toHaveAccessibleName(`Gloss on ${host}`);
  await popup.keyboard.press('Space');
  await expect.poll(async () => (await storedSettings(popup, tabId)).effective?.siteOff).toBe(true);
  await expect(popup.locator('[data-state="site-off"]')).toContainText(`Gloss is off on ${host}`);
  await popup.getByRole('button', { name: `Turn Gloss on for ${host}` }).click();
  await expect.poll(async () => (await storedSettings(popup, tabId)).effective?.siteOff).toBe(false);
  await expect(popup.getByRole('checkbox', { name: `Gloss on ${host}` })).toBeChecked();

  await popup.getByRole('checkbox', { name: 'Pause Gloss everywhere' }).check();
  await expect.poll(async () => (await storedSettings(popup, tabId)).everywhere.off).toBe(true);
  await expect(popup.locator('[data-state="paused"]')).toBeVisible();
  await popup.getByRole('checkbox', { name: 'Pause Gloss everywhere' }).uncheck();
  await expect.poll(async () => (await storedSettings(popup, tabId)).everywhere.off).toBe(false);

  // Mode and kinds sit behind one summary, three Tab presses from the top.
  await popup.locator('.highlight-choices summary').focus();
  await popup.keyboard.press('Enter');
  await popup.getByRole('radio', { name: 'First mention of each entity' }).check();
  await expect.poll(async () => (await storedSettings(popup, tabId)).everywhere.mode).toBe('first');
  const kinds = popup.getByRole('group', { name: /Kinds highlighted/ });
  await kinds.getByRole('checkbox', { name: /Person/ }).uncheck();
  await kinds.getByRole('checkbox', { name: /Place/ }).uncheck();
  await expect.poll(async () => (await storedSettings(popup, tabId)).everywhere.hiddenKinds).toEqual(['person', 'place']);
  await expect(popup.locator('.highlight-choices summary')).toContainText('first mention of each, 5 of 7 kinds');

  // Choices outlive the popup.
  await popup.reload();
  await popup.locator('.highlight-choices summary').click();
  await expect(popup.getByRole('radio', { name: 'First mention of each entity' })).toBeChecked();
  await expect(kinds.getByRole('checkbox', { name: /Person/ })).not.toBeChecked();
  await expect(kinds.getByRole('checkbox', { name: /Chip/ })).toBeChecked();
  await popup.screenshot({ path: join(SCREENSHOTS, 'popup-controls.png'), fullPage: true });
  expect(await seriousViolations(popup)).toEqual([]);
});

test('a muted entity stays listed on the page, marked muted, and one click brings it back', async ({ gloss, site }) => {
  const article = await openArticle(gloss.context, site.url + GREEK_ARTICLE);
  const tabId = await tabIdOf(gloss.worker, article.url());
  const popup = await popupFor(gloss, tabId);
  const row = popup.locator('.mention-item', { has: popup.locator('.mention-row[data-entity="h20"]') });
  await row.getByRole('button', { name: 'Mute Nvidia H20' }).click();
  await expect(row).toContainText('muted: not highlighted');
  await article.bringToFront();
  await expect.poll(async () => (await paintedMentions(article)).filter((m) => m.text === 'H20').length).toBe(0);

  // Opened again, the popup still lists it (the page's report keeps a muted entity)...
  await popup.reload();
  await expect(row).toContainText('muted: not highlighted');
  await popup.screenshot({ path: join(SCREENSHOTS, 'popup-muted-row.png'), fullPage: true });

  // A later visit, in a new tab, with H20 muted before the page loaded: listed, marked muted.
  await popup.close();
  await article.close();
  const later = await openArticle(gloss.context, site.url + GREEK_ARTICLE);
  expect((await paintedMentions(later)).filter((m) => m.text === 'H20')).toEqual([]);
  const again = await popupFor(gloss, await tabIdOf(gloss.worker, later.url()));
  const laterRow = again.locator('.mention-item', { has: again.locator('.mention-row[data-entity="h20"]') });
  await expect(laterRow).toContainText('muted: not highlighted');
  await laterRow.getByRole('button', { name: 'Highlight again: Nvidia H20' }).click();
  await expect(laterRow).not.toContainText('muted');
  await later.bringToFront();
  await expect.poll(async () => (await paintedMentions(later)).filter((m) => m.text === 'H20').length).toBeGreaterThan(0);
});

test('the entity’s mute and note come before its timeline, and a saved note is announced', async ({ gloss, site }) => {
  const article = await openArticle(gloss.context, site.url + GREEK_ARTICLE);
  const popup = await popupFor(gloss, await tabIdOf(gloss.worker, article.url()));
  await popup.locator('.mention-row[data-entity="h20"]').click();
  const detail = popup.locator('article.entity-detail[data-entity="h20"]');
  const order = await detail.evaluate((d) => [...d.querySelectorAll('.entity-actions, section[aria-label="Timeline"]')].map((e) => e.className || 'timeline'));
  expect(order).toEqual(['entity-actions', 'timeline']);
  const note = detail.getByRole('textbox', { name: 'Your note' });
  await note.fill('Check the licence dates.');
  await expect(detail.getByRole('status')).toHaveText('Note saved');
});

test('a tab open before Gloss was installed says so and starts with one click; a page Gloss cannot read says why', async ({ gloss, site }) => {
  const article = await openArticle(gloss.context, site.url + GREEK_ARTICLE);
  const tabId = await tabIdOf(gloss.worker, article.url());
  // As if the tab had loaded before the install: no report, and listed as open then.
  await gloss.worker.evaluate(async (tabId) => {
    await chrome.storage.session.remove([`tab:${tabId}`, `tabsite:${tabId}`]);
    await chrome.storage.session.set({ openBeforeInstall: [tabId] });
  }, tabId);
  const popup = await popupFor(gloss, tabId);
  const state = popup.locator('[data-state="before-install"]');
  await expect(state).toContainText('open before Gloss was installed');
  await expect(popup.getByText('has not read this page')).toHaveCount(0);
  await popup.screenshot({ path: join(SCREENSHOTS, 'popup-before-install.png'), fullPage: true });
  await state.getByRole('button', { name: 'Reload this tab to start' }).click();
  await expect(popup.locator('.mention-row[data-entity="h20"]')).toBeVisible({ timeout: 20_000 });

  // A browser page: no report, and not a tab from before the install.
  const internal = await gloss.context.newPage();
  await internal.goto('chrome://version');
  const internalId = await gloss.worker.evaluate(async () => (await chrome.tabs.query({})).at(-1)!.id!);
  const popup2 = await popupFor(gloss, internalId);
  await expect(popup2.locator('[data-state="cannot-read"]')).toContainText('Gloss cannot read this page');
  expect(await seriousViolations(popup2)).toEqual([]);
});

test('installing Gloss opens the welcome page once, with the legend and the shortcuts', async () => {
  const gloss = await launchWithGloss({ keepWelcome: true });
  const welcomeUrl = `chrome-extension://${gloss.extensionId}/welcome.html`;
  try {
    await expect.poll(() => gloss.context.pages().filter((p) => p.url() === welcomeUrl).length).toBe(1);
    const welcome = gloss.context.pages().find((p) => p.url() === welcomeUrl)!;
    await expect(welcome.getByRole('heading', { level: 1 })).toHaveText('Welcome to Gloss');
    await expect(welcome.locator('.kind-legend li')).toHaveCount(7);
    // As the browser reports it: the keys, or "not set" when the browser left it unassigned.
    const addNote = await welcome.evaluate(async () => (await chrome.commands.getAll()).find((c: { name: string }) => c.name === 'add-note'));
    await expect(welcome.locator('tr[data-command="add-note"]')).toContainText('Add a note to the selected text');
    await expect(welcome.locator('tr[data-command="add-note"] td').nth(1)).toHaveText(addNote.shortcut || 'not set');
    expect(await seriousViolations(welcome)).toEqual([]);
  } finally {
    await gloss.close();
  }
});
