import { join } from 'node:path';
import { paintedMentions } from '../support/driver';
import { expect, GREEK_ARTICLE, test } from './fixtures';
import { pointAt, shownCard } from './support';

const h20 = (m: { kind: string; text: string }) => m.kind === 'chip' && m.text === 'H20';

test('muting an entity in the popup takes it off open and new pages, and "Highlight again" in the options brings it back', async ({ gloss, site, screenshots }) => {
  const url = site.url + GREEK_ARTICLE;
  const article = await gloss.openArticle(url);
  expect((await paintedMentions(article)).filter(h20).length).toBeGreaterThan(0);

  const popup = await gloss.openPopup(article);
  await popup.click('section.kind-chip .mention-row[data-entity="h20"]');
  await popup.click('article.entity-detail[data-entity="h20"] .mute input[type="checkbox"]');
  await expect.poll(() => popup.evaluate(() => document.querySelector<HTMLInputElement>('.mute input')?.checked)).toBe(true);

  // The open article drops H20 and keeps the rest; hovering where it was shows no card.
  await article.bringToFront();
  await expect.poll(async () => (await paintedMentions(article)).filter(h20).length).toBe(0);
  expect((await paintedMentions(article)).some((m) => m.text === 'H200')).toBe(true);
  const at = await pointAt(article, 'H20');
  await article.move(at.x, at.y - 40);
  await article.move(at.x, at.y, 4);
  // The card shows 120 ms after the pointer stops on a mention; give it ample time to (wrongly) appear.
  await new Promise((r) => setTimeout(r, 600));
  expect(await shownCard(article)).toBeNull();
  await article.screenshot(join(screenshots, 'muted-h20.png'));

  // A page opened later does not highlight it either.
  const again = await gloss.openArticle(url + '?again');
  expect((await paintedMentions(again)).filter(h20)).toEqual([]);

  const options = await gloss.openOptions();
  expect(await options.waitFor('.muted-list li', { hasText: 'H20' })).toContain('H20');
  await options.screenshot(join(screenshots, 'options-muted.png'), { fullPage: true });
  await options.click('.muted-list li button', { hasText: 'Highlight again' });
  await options.waitForHidden('.muted-list li');

  await again.bringToFront();
  await expect.poll(async () => (await paintedMentions(again)).filter(h20).length).toBeGreaterThan(0);
});
