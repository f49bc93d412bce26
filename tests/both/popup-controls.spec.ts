// The popup's first controls in both browsers: turning Gloss off on the site, pausing
// it, the highlight mode and a kind, each stored as a site setting record in IndexedDB
// (what sync carries), and a muted entity that stays listed and comes back in one click.
import { join } from 'node:path';
import { expect, GREEK_ARTICLE, test } from './fixtures';

interface SettingRecord {
  id: string;
  off?: boolean;
  mode?: string;
  hiddenKinds?: string[];
}

test('the popup’s controls store per-site off, pause, mode and kinds; a muted entity stays listed and comes back', async ({ gloss, site, screenshots }) => {
  const article = await gloss.openArticle(site.url + GREEK_ARTICLE);
  const popup = await gloss.openPopup(article);
  await popup.waitFor('.mention-row[data-entity="h20"]');
  const record = async (id: string) => (await gloss.storedRecords<SettingRecord>('siteSettings')).find((r) => r.id === id);
  const host = new URL(site.url).hostname;

  await popup.click('input[name="site-on"]');
  await expect.poll(async () => (await record(host))?.off).toBe(true);
  expect(await popup.waitFor('[data-state="site-off"]')).toContain(`Gloss is off on ${host}`);
  await popup.click('[data-state="site-off"] button');
  await expect.poll(async () => (await record(host))?.off).toBe(false);

  await popup.click('input[name="paused"]');
  await expect.poll(async () => (await record('*'))?.off).toBe(true);
  await popup.click('input[name="paused"]');
  await expect.poll(async () => (await record('*'))?.off).toBe(false);

  await popup.click('.highlight-choices summary');
  await popup.click('input[name="mode"][value="first"]');
  await expect.poll(async () => (await record('*'))?.mode).toBe('first');
  await popup.click('input[name="kind"][value="person"]');
  await expect.poll(async () => (await record('*'))?.hiddenKinds).toEqual(['person']);
  await popup.screenshot(join(screenshots, 'popup-controls.png'), { fullPage: true });

  // Muted from its row, the entity stays listed, marked in words, and comes back.
  await popup.click('.row-mute[data-entity="h20"]');
  expect(await popup.waitFor('.is-muted .muted-mark')).toBe('muted: not highlighted');
  await popup.reload();
  await popup.waitFor('.is-muted .mention-row[data-entity="h20"]');
  await popup.click('.row-mute[data-entity="h20"]', { hasText: 'Highlight again' });
  await popup.waitForHidden('.is-muted');
  expect(await popup.texts('.row-mute[data-entity="h20"]')).toEqual(['Mute']);
});
