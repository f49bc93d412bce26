// axe-core on the page with the card open (the real card, in its closed shadow root),
// on a light and a dark page; screenshots of highlights and card in light, dark and
// forced colours.
import { join } from 'node:path';
import { openArticle, tabIdOf } from '../support/browser';
import { serveDirectory, type StaticServer } from '../support/server';
import { expect, SCREENSHOTS, test } from './fixtures';
import { ARTICLE, axeWithCard, cardState, painted, pressCommand, shownCardName } from './reader-support';

const LONG = ARTICLE.replace(
  '</main>',
  '<p id="c">Lawmakers also named DeepSeek, Alibaba and the Entity List, and asked whether the Commerce Department would act.</p></main>',
).replace('<main>', '<main><h1>Chips and export rules</h1>');
const DARK = LONG.replace('<body>', '<body style="background:#121417;color:#e8e8e8">');

let site: StaticServer;
test.beforeAll(async () => {
  site = await serveDirectory('tests/fixtures/pages', { '/article.html': LONG, '/dark.html': DARK });
});
test.afterAll(async () => site.close());

for (const scheme of ['light', 'dark'] as const) {
  test(`no serious or critical axe finding with the card open on a ${scheme} page`, async ({ gloss }) => {
    const url = `${site.url}/${scheme === 'light' ? 'article' : 'dark'}.html`;
    const page = await openArticle(gloss.context, url);
    await expect.poll(async () => (await painted(page)).length).toBeGreaterThan(6);
    const tabId = await tabIdOf(gloss.worker, url);
    // The H20's card: a timeline with sources and "(reported)" events.
    await pressCommand(gloss, 'next-mention', tabId);
    await pressCommand(gloss, 'next-mention', tabId);
    await expect.poll(() => shownCardName(page)).toBe('Nvidia H20');
    const findings = await axeWithCard(page);
    expect(findings, JSON.stringify(findings, null, 2)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, `card-${scheme}.png`) });
  });
}

test('screenshots: forced colours, light and dark', async ({ gloss }) => {
  for (const colorScheme of ['light', 'dark'] as const) {
    const url = `${site.url}/${colorScheme === 'light' ? 'article' : 'dark'}.html`;
    const page = await openArticle(gloss.context, url);
    await page.emulateMedia({ forcedColors: 'active', colorScheme });
    await expect.poll(async () => (await painted(page)).length).toBeGreaterThan(6);
    const tabId = await tabIdOf(gloss.worker, url);
    await pressCommand(gloss, 'next-mention', tabId);
    await pressCommand(gloss, 'next-mention', tabId);
    await expect.poll(() => shownCardName(page)).toBe('Nvidia H20');
    await page.screenshot({ path: join(SCREENSHOTS, `card-forced-${colorScheme}.png`) });
    expect(await axeWithCard(page)).toEqual([]);
    await page.close();
  }
});
