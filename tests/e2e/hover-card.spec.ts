import { join } from 'node:path';
import { cardElements, launchWithGloss, openArticle } from '../support/browser';
import { expect, GREEK_ARTICLE, SCREENSHOTS, test } from './fixtures';

/** Screen position of the n-th occurrence of `text` as a whole word in the article. */
async function pointAt(page: import('@playwright/test').Page, text: string, nth = 0) {
  return page.evaluate(
    ({ text, nth }) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const data = (n as Text).data;
        for (let i = data.indexOf(text); i >= 0; i = data.indexOf(text, i + 1)) {
          if (/[\\p{L}\\p{N}]/u.test(data[i + text.length] ?? '')) continue;
          if (seen++ < nth) continue;
          const range = document.createRange();
          range.setStart(n, i);
          range.setEnd(n, i + text.length);
          (n.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
          const r = range.getBoundingClientRect();
          return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
        }
      }
      throw new Error(`no "${text}" on the page`);
    },
    { text, nth },
  );
}

test('the card is written in the browser language when the pack has it, else English', async ({ site }) => {
  const greek = await launchWithGloss({ locale: 'el-GR' });
  try {
    const page = await openArticle(greek.context, site.url + GREEK_ARTICLE);
    expect(await page.evaluate(() => navigator.language)).toBe('el-GR');
    for (const [word, lang] of [
      ['Nvidia', 'el'],
      ['Λάτνικ', 'en'],
    ] as const) {
      await page.mouse.move(1, 1);
      await expect.poll(() => cardElements(page, '.gloss-card')).toEqual([]);
      const { x, y } = await pointAt(page, word);
      await page.mouse.move(x, y, { steps: 3 });
      await expect.poll(async () => (await cardElements(page, '.gloss-summary')).map((e) => e.attributes.lang)).toEqual([lang]);
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'hover-card-greek-browser.png') });
  } finally {
    await greek.close();
  }
});
