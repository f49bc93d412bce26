import { join } from 'node:path';
import type { Tab } from '../support/driver';
import { expect, GREEK_ARTICLE, test } from './fixtures';
import { pointAt, shownCard, waitForCard, type Point } from './support';

/**
 * The ways a reader opens the card of a mention, each returning where the mention is.
 * The keyboard way joins this table when Gloss has it; every test below then runs for it too.
 */
const openCard: Record<string, (page: Tab, word: string) => Promise<Point>> = {
  async mouse(page, word) {
    const at = await pointAt(page, word);
    await page.move(at.x, at.y - 40);
    await page.move(at.x, at.y, 4);
    return at;
  },
};

for (const [how, open] of Object.entries(openCard)) {
  test(`the card of H20, opened by ${how}, says what it is, with a dated event and a source link`, async ({ gloss, site, screenshots }) => {
    const page = await gloss.openArticle(site.url + GREEK_ARTICLE);
    const at = await open(page, 'H20');

    const card = await waitForCard(page);
    expect(card.kind).toBe('entity');
    expect(card.name).toContain('H20');
    expect(card.badge).toBe('Chip');
    expect(card.summary.length).toBeGreaterThan(20);
    expect(card.events.length).toBeGreaterThan(0);
    expect(card.events[0]!.datetime).toMatch(/^\d{4}(-\d{2}){0,2}$/);
    expect(card.events[0]!.firstSource).toMatch(/^https:\/\//);
    // The card does not cover the word it explains.
    expect(at.y < card.box.y || at.y > card.box.y + card.box.height).toBe(true);
    await page.screenshot(join(screenshots, `hover-card-h20-${how}.png`));
  });
}

test('the card stays open while the pointer is on it (its links can be clicked) and closes when it leaves', async ({ gloss, site }) => {
  const page = await gloss.openArticle(site.url + GREEK_ARTICLE);
  await openCard.mouse!(page, 'H20');
  const { box } = await waitForCard(page);

  await page.move(box.x + 20, box.y + 20, 5);
  // Longer than the card's hide delay (300 ms): it would be gone by now if it were closing.
  await new Promise((r) => setTimeout(r, 500));
  expect((await shownCard(page))?.name).toContain('H20');
  await page.move(5, 5, 3);
  await expect.poll(() => shownCard(page)).toBeNull();
});
