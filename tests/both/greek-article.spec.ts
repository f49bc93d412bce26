import { join } from 'node:path';
import { paintedMentions } from '../support/driver';
import { expect, GREEK_ARTICLE, test } from './fixtures';

test('the Greek demo article has every term highlighted, each kind in its own style', async ({ gloss, site, screenshots }) => {
  const page = await gloss.openArticle(site.url + GREEK_ARTICLE);
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

  await page.screenshot(join(screenshots, 'greek-article.png'));
});
