import { join } from 'node:path';
import { openArticle, tabIdOf } from '../support/browser';
import { expect, GREEK_ARTICLE, SCREENSHOTS, test } from './fixtures';

test('the popup lists what the page mentions and shows an entity’s timeline from IndexedDB', async ({ gloss, site }) => {
  const url = site.url + GREEK_ARTICLE;
  const article = await openArticle(gloss.context, url);
  const tabId = await tabIdOf(gloss.worker, url);

  const popup = await gloss.context.newPage();
  await popup.setViewportSize({ width: 380, height: 600 });
  await popup.goto(`chrome-extension://${gloss.extensionId}/popup.html?tab=${tabId}`);

  const chips = popup.locator('section.mention-group.kind-chip');
  await expect(chips.locator('.mention-row[data-entity="h20"]')).toBeVisible();
  await expect(chips.locator('.mention-row[data-entity="h200"]')).toBeVisible();
  for (const id of ['nvidia', 'alibaba', 'bytedance', 'deepseek', 'huawei']) {
    await expect(popup.locator(`section.kind-company .mention-row[data-entity="${id}"]`)).toBeVisible();
  }
  for (const id of ['qwen', 'doubao']) await expect(popup.locator(`section.kind-model .mention-row[data-entity="${id}"]`)).toBeVisible();
  for (const id of ['export-controls', 'ai-diffusion-rule', 'export-licence', 'military-end-use']) {
    await expect(popup.locator(`section.kind-rule .mention-row[data-entity="${id}"]`)).toBeVisible();
  }
  // The counts are the page's: as many as the highlights painted for that entity's texts.
  const h20Count = await chips.locator('.mention-row[data-entity="h20"] .mention-count').innerText();
  const paintedH20 = await article.evaluate(() => [...(CSS.highlights.get('gloss-chip') as Highlight)].filter((r) => {
    const s = r as AbstractRange;
    return (s.startContainer as Text).data.slice(s.startOffset, s.endOffset) === 'H20';
  }).length);
  expect(h20Count).toBe(`×${paintedH20}`);
  await popup.screenshot({ path: join(SCREENSHOTS, 'popup-mentions.png'), fullPage: true });

  await chips.locator('.mention-row[data-entity="h20"]').click();
  const detail = popup.locator('article.entity-detail[data-entity="h20"]');
  await expect(detail.locator('h1')).toContainText('H20');
  const stored = await popup.evaluate(
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
  await expect(detail.locator('.gloss-event')).toHaveCount(stored);
  await expect(detail.locator('.gloss-event time').first()).toHaveAttribute('datetime', /^\d{4}/);
  await expect(detail.locator('.gloss-event .gloss-sources a').first()).toHaveAttribute('href', /^https:\/\//);
  await popup.screenshot({ path: join(SCREENSHOTS, 'popup-h20-timeline.png'), fullPage: true });

  // The user's own note on the entity is kept (in IndexedDB, through the background).
  await detail.locator('.note textarea').fill('Ask the desk about the April filing.');
  await detail.locator('.note textarea').blur();
  await popup.reload();
  await popup.locator('section.kind-chip .mention-row[data-entity="h20"]').click();
  await expect(popup.locator('article.entity-detail[data-entity="h20"] .note textarea')).toHaveValue('Ask the desk about the April filing.');

  // Related entities lead on: the maker's page.
  await detail.locator('.related button', { hasText: 'Nvidia' }).first().click();
  await expect(popup.locator('article.entity-detail[data-entity="nvidia"]')).toBeVisible();
});
