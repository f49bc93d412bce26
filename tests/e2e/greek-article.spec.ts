import { chromium } from '@playwright/test';
import { join } from 'node:path';
import { CHROMIUM, openArticle, paintedMentions } from '../support/browser';
import { expect, GREEK_ARTICLE, SCREENSHOTS, test } from './fixtures';

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

test('the Greek demo article has every term highlighted, each kind in its own style', async ({ gloss, site }) => {
  const page = await openArticle(gloss.context, site.url + GREEK_ARTICLE);
  const painted = await paintedMentions(page);
  const seen = (kind: string, text: string) => painted.some((m) => m.kind === kind && m.text === text);

  for (const text of ['H20', 'H200']) expect(seen('chip', text), `chip ${text}`).toBe(true);
  for (const text of ['Nvidia', 'Alibaba', 'ByteDance', 'DeepSeek', 'Huawei']) expect(seen('company', text), `company ${text}`).toBe(true);
  for (const text of ['Qwen', 'Doubao']) expect(seen('model', text), `model ${text}`).toBe(true);
  for (const text of ['ελέγχους εξαγωγών', 'απαγορεύσεις εξαγωγών', 'κανόνας διάδοσης', 'άδειες εξαγωγής', 'στρατιωτική τελική χρήση']) {
    expect(seen('rule', text), `rule ${text}`).toBe(true);
  }
  // H20 never inside H200, and each kind has its own registry entry (its own style).
  expect(painted.filter((m) => m.text === 'H20').length).toBeGreaterThanOrEqual(2);
  expect(painted.some((m) => m.text.startsWith('H20') && m.text !== 'H20' && m.text !== 'H200' && m.text !== 'H20s')).toBe(false);
  const kinds = await page.evaluate(() => [...CSS.highlights.keys()].filter((k) => k.startsWith('gloss-')).sort());
  expect(kinds).toEqual(expect.arrayContaining(['gloss-chip', 'gloss-company', 'gloss-model', 'gloss-rule']));
  const styles = await page.evaluate(() =>
    ['chip', 'company', 'model', 'rule'].map((k) => {
      const s = getComputedStyle(document.body, `::highlight(gloss-${k})`);
      return `${s.backgroundColor} ${s.textDecorationColor} ${s.textDecorationStyle}`;
    }),
  );
  expect(new Set(styles).size, styles.join(' | ')).toBe(4);

  await page.screenshot({ path: join(SCREENSHOTS, 'greek-article.png'), fullPage: false });
});

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
