import { join } from 'node:path';
import { paintedMentions } from '../support/driver';
import { expect, GREEK_ARTICLE, test } from './fixtures';

test('the popup lists what the page mentions and shows an entity’s timeline from IndexedDB', async ({ gloss, site, screenshots }) => {
  const article = await gloss.openArticle(site.url + GREEK_ARTICLE);
  const popup = await gloss.openPopup(article);

  await popup.waitFor('section.kind-chip .mention-row[data-entity="h20"]');
  await popup.waitFor('section.kind-chip .mention-row[data-entity="h200"]');
  for (const id of ['nvidia', 'alibaba', 'bytedance', 'deepseek', 'huawei']) await popup.waitFor(`section.kind-company .mention-row[data-entity="${id}"]`);
  for (const id of ['qwen', 'doubao']) await popup.waitFor(`section.kind-model .mention-row[data-entity="${id}"]`);
  for (const id of ['export-controls', 'ai-diffusion-rule', 'export-licence', 'military-end-use']) {
    await popup.waitFor(`section.kind-rule .mention-row[data-entity="${id}"]`);
  }
  // The counts are the page's: as many as the highlights painted for that entity's texts.
  const paintedH20 = (await paintedMentions(article)).filter((m) => m.kind === 'chip' && m.text === 'H20').length;
  expect(await popup.texts('section.kind-chip .mention-row[data-entity="h20"] .mention-count')).toEqual([`×${paintedH20}`]);
  await popup.screenshot(join(screenshots, 'popup-mentions.png'), { fullPage: true });

  await popup.click('section.kind-chip .mention-row[data-entity="h20"]');
  const detail = 'article.entity-detail[data-entity="h20"]';
  expect(await popup.waitFor(`${detail} h1`)).toContain('H20');
  const stored = await gloss.inExtension(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('gloss');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const count = open.result.transaction('events').objectStore('events').index('entities').count('h20');
          count.onsuccess = () => resolve(count.result);
          count.onerror = () => reject(count.error);
        };
      }),
  );
  expect(stored).toBeGreaterThan(2);
  await expect.poll(async () => (await popup.texts(`${detail} .gloss-event`)).length).toBe(stored);
  const first = await popup.evaluate((detail) => {
    const e = document.querySelector(`${detail} .gloss-event`)!;
    return { datetime: e.querySelector('time')?.getAttribute('datetime'), href: e.querySelector('.gloss-sources a')?.getAttribute('href') };
  }, detail);
  expect(first.datetime).toMatch(/^\d{4}/);
  expect(first.href).toMatch(/^https:\/\//);
  await popup.screenshot(join(screenshots, 'popup-h20-timeline.png'), { fullPage: true });

  // The user's own note on the entity is kept (in IndexedDB, through the background).
  await popup.fill(`${detail} .note textarea`, 'Ask the desk about the April filing.');
  await popup.press('Tab');
  await popup.reload();
  await popup.click('section.kind-chip .mention-row[data-entity="h20"]');
  await popup.waitFor(detail);
  await expect.poll(() => popup.evaluate((d) => document.querySelector<HTMLTextAreaElement>(`${d} .note textarea`)?.value, detail)).toBe('Ask the desk about the April filing.');

  // Related entities lead on: the maker's page.
  await popup.click(`${detail} .related button`, { hasText: 'Nvidia' });
  await popup.waitFor('article.entity-detail[data-entity="nvidia"]');
});
