import { join } from 'node:path';
import type { Gloss, Tab } from '../support/driver';
import { expect, GREEK_ARTICLE, test } from './fixtures';
import { focusRing, pointAt, shownCard, waitForCard, type Point, type Ring } from './support';

/** The ways a reader opens the card of a mention, each returning where the mention is. */
const openCard: Record<string, (gloss: Gloss, page: Tab, word: string) => Promise<Point>> = {
  async mouse(_gloss, page, word) {
    const at = await pointAt(page, word);
    await page.move(at.x, at.y - 40);
    await page.move(at.x, at.y, 4);
    return at;
  },
  // From the top of the page, the "next highlight" shortcut until its ring is on the word.
  async keyboard(gloss, page, word) {
    let before: string | undefined;
    for (let presses = 0; presses < 40; presses++) {
      await gloss.shortcut('next-mention', page);
      let ring: Ring | null = null;
      await expect.poll(async () => (ring = await focusRing(page))?.key).not.toBe(before);
      before = ring!.key;
      if (ring!.text === word) return ring!.center;
    }
    throw new Error(`40 presses of "next highlight" did not reach ${word}`);
  },
};

for (const [how, open] of Object.entries(openCard)) {
  test(`the card of H20, opened by ${how}, says what it is, with a dated event and a source link`, async ({ gloss, site, screenshots }) => {
    const page = await gloss.openArticle(site.url + GREEK_ARTICLE);
    const at = await open(gloss, page, 'H20');

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
  await openCard.mouse!(gloss, page, 'H20');
  const { box } = await waitForCard(page);

  await page.move(box.x + 20, box.y + 20, 5);
  // Longer than the card's hide delay (300 ms): it would be gone by now if it were closing.
  await new Promise((r) => setTimeout(r, 500));
  expect((await shownCard(page))?.name).toContain('H20');
  await page.move(5, 5, 3);
  await expect.poll(() => shownCard(page)).toBeNull();
});

test('opened by keyboard, the card has the focus; Esc closes it and takes the ring away', async ({ gloss, site }) => {
  const page = await gloss.openArticle(site.url + GREEK_ARTICLE);
  await openCard.keyboard!(gloss, page, 'H20');
  await waitForCard(page);
  const focused = await page.inShadow('gloss-card', (root) => root.activeElement?.getAttribute('role') ?? null, null);
  expect(focused).toBe('dialog');

  await page.press('Escape');
  await expect.poll(() => shownCard(page)).toBeNull();
  expect(await focusRing(page)).toBeNull();
});
