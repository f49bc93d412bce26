import { chromium } from '@playwright/test';
import { CHROMIUM, openArticle, paintedMentions } from '../support/browser';
import { expect, GREEK_ARTICLE, test } from './fixtures';

/** Everything on the page a reader can see or touch, to compare with and without Gloss. */
async function pageState(page: import('@playwright/test').Page) {
  return page.evaluate(() => ({
    html: document.body.outerHTML,
    text: document.body.innerText,
    inputs: [...document.querySelectorAll('input, textarea, select')].map((e) => (e as HTMLInputElement).value),
    boxes: [...document.body.querySelectorAll('*')].map((e) => {
      const r = e.getBoundingClientRect();
      return [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)].join(',');
    }),
  }));
}

test('Gloss changes nothing in the page: text, markup, layout and form fields stay the same', async ({ gloss, site }) => {
  const withGloss = await openArticle(gloss.context, site.url + GREEK_ARTICLE);
  await withGloss.locator('input').first().fill('Nvidia H20').catch(() => undefined);
  const plainBrowser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const plain = await plainBrowser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    await plain.goto(site.url + GREEK_ARTICLE);
    await plain.locator('input').first().fill('Nvidia H20').catch(() => undefined);
    expect(await pageState(withGloss)).toEqual(await pageState(plain));
    expect((await paintedMentions(withGloss)).length).toBeGreaterThan(20);
  } finally {
    await plainBrowser.close();
  }
});
