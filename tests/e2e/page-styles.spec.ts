// Highlights told apart without colour (line style and weight), also in forced-colours
// mode; the card follows the page's own colour scheme, not the system's.
import type { Page } from '@playwright/test';
import { inShadowRoot, openArticle } from '../support/browser';
import { serveDirectory, type StaticServer } from '../support/server';
import { expect, test } from './fixtures';
import { ARTICLE, boxOf, cardState, painted, shownCardName } from './reader-support';

const DARK = ARTICLE.replace('<body>', '<body style="background:#121417;color:#e8e8e8">');

let site: StaticServer;
test.beforeAll(async () => {
  site = await serveDirectory('tests/fixtures/pages', { '/article.html': ARTICLE, '/dark.html': DARK });
});
test.afterAll(async () => site.close());

const KINDS = ['chip', 'company', 'model', 'rule', 'org', 'person', 'place'];

/** The line style and thickness of each kind's highlight, as the browser computes them. */
function lines(page: Page): Promise<Record<string, string>> {
  return page.evaluate((kinds) => {
    const p = document.querySelector('p')!;
    return Object.fromEntries(
      kinds.map((k) => {
        const s = getComputedStyle(p, `::highlight(gloss-${k})`);
        return [k, `${s.textDecorationLine} ${s.textDecorationStyle} ${s.textDecorationThickness}`];
      }),
    );
  }, KINDS);
}

function cardColours(page: Page): Promise<{ background: string; color: string }> {
  return inShadowRoot(page, 'gloss-card', `function () { const s = getComputedStyle(this.querySelector('.gloss-card')); return { background: s.backgroundColor, color: s.color }; }`, []) as Promise<{
    background: string;
    color: string;
  }>;
}

async function openCard(page: Page): Promise<void> {
  const box = await boxOf(page, '#a', 'Nvidia');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
  await expect.poll(() => shownCardName(page)).toBe('Nvidia');
}

test('each main kind has its own line style, in normal and in forced colours', async ({ gloss }) => {
  const page = await openArticle(gloss.context, site.url + '/article.html');
  await expect.poll(() => painted(page)).toHaveLength(6);
  for (const forcedColors of ['none', 'active'] as const) {
    await page.emulateMedia({ forcedColors });
    const found = await lines(page);
    for (const k of KINDS) expect(found[k], k).toMatch(/^underline /);
    // Chips, companies, models and rules: four different lines; people, places and agencies wavy.
    expect(new Set(['chip', 'company', 'model', 'rule'].map((k) => found[k])).size).toBe(4);
    expect(['org', 'person', 'place'].map((k) => found[k]!.split(' ')[1])).toEqual(['wavy', 'wavy', 'wavy']);
  }
  const forced = await page.evaluate(() => getComputedStyle(document.querySelector('p')!, '::highlight(gloss-chip)').backgroundColor);
  expect(forced).toMatch(/^rgba\(\d+, \d+, \d+, 0\)$/);
});

test('the card is light on a light page and dark on a dark page, whatever the system scheme', async ({ gloss }) => {
  const light = await openArticle(gloss.context, site.url + '/article.html');
  await light.emulateMedia({ colorScheme: 'dark' });
  await openCard(light);
  expect((await cardColours(light)).background).toBe('rgb(255, 255, 255)');

  const dark = await openArticle(gloss.context, site.url + '/dark.html');
  await dark.emulateMedia({ colorScheme: 'light' });
  await openCard(dark);
  expect((await cardColours(dark)).background).toBe('rgb(28, 33, 40)');
});
