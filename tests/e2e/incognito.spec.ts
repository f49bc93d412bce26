// Reading history from private windows: Gloss reads and highlights an article opened in
// an incognito window, and records nothing of it; the same article in a normal window
// is recorded (so the empty history is not the recording failing).
import type { Page } from '@playwright/test';
import { openArticle, paintedMentions } from '../support/browser';
import { expect, GREEK_ARTICLE, test } from './fixtures';

/** Rows of the reading history ("seen on"), read in the extension's own context. */
function sightings(page: Page): Promise<{ url: string; entity: string }[]> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('gloss');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('sightings').objectStore('sightings').getAll();
          req.onsuccess = () => resolve(req.result);
        };
      }),
  );
}

/** Tab reports Gloss keeps for the popup, by address. */
function reports(page: Page): Promise<string[]> {
  return page.evaluate(async () => Object.values(await (globalThis as any).chrome.storage.session.get(null)).map((v: any) => v.url as string));
}

test('an article read in an incognito window is highlighted but leaves nothing in the reading history', async ({ gloss, site }) => {
  // A user allows Gloss in incognito windows on chrome://extensions (developer mode
  // first: Chromium disables an unpacked extension reloaded without it).
  const settings = await gloss.context.newPage();
  await settings.goto(`chrome://extensions/?id=${gloss.extensionId}`);
  await settings.evaluate(() => new Promise((r) => (globalThis as any).chrome.developerPrivate.updateProfileConfiguration({ inDeveloperMode: true }, r)));
  await settings.evaluate((id) => new Promise((r) => (globalThis as any).chrome.developerPrivate.updateExtensionConfiguration({ extensionId: id, incognitoAccess: true }, r)), gloss.extensionId);
  const state = () =>
    settings.evaluate((id) => new Promise((r) => (globalThis as any).chrome.developerPrivate.getExtensionInfo(id, (i: any) => r(`${i.state}:${i.incognitoAccess.isActive}`))), gloss.extensionId);
  await expect.poll(state).toBe('ENABLED:true');

  const extensionPage = await gloss.context.newPage();
  await extensionPage.goto(`chrome-extension://${gloss.extensionId}/options.html`);
  const url = site.url + GREEK_ARTICLE;
  const window = await extensionPage.evaluate((url) => new Promise<{ incognito: boolean }>((r) => (globalThis as any).chrome.windows.create({ url, incognito: true }, r)), url);
  expect(window.incognito).toBe(true);
  // Gloss read and painted the private page (its report for the popup is there, in memory only)...
  await expect.poll(() => reports(extensionPage), { timeout: 15_000 }).toContain(url);
  const privatePage = gloss.context.pages().find((p) => p.url() === url)!;
  expect((await paintedMentions(privatePage)).map((m) => m.text)).toContain('H20');
  // ...and kept nothing of it.
  await extensionPage.waitForTimeout(1000);
  expect(await sightings(extensionPage)).toEqual([]);

  // The same article in a normal window is recorded.
  await openArticle(gloss.context, url);
  await expect.poll(async () => (await sightings(extensionPage)).filter((s) => s.url === url).length).toBeGreaterThan(5);
});
