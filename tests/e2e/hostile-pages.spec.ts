// Pages built to hurt an extension that reads them (tests/support/hostile-pages.ts).
// What is asserted is structure, never time: that Gloss starts and reads these pages
// whole, and that it stops painting text that will not settle and stops watching a page
// that will not stop. What Gloss costs on them is measured by `npm run bench`.
import type { Page } from '@playwright/test';
import { inGloss, openArticle, tabIdOf } from '../support/browser';
import { bigTextPage, deepPage, millionNodesPage, tickerPage } from '../support/hostile-pages';
import { serveDirectory, type StaticServer } from '../support/server';
import { expect, test } from './fixtures';

const LEDE = ['Nvidia', 'H20', 'export licence', 'Huawei', 'Ascend 910C'];

/** Texts Gloss paints inside the element matching `selector`, with their offsets in their text node. */
function paintedIn(page: Page, selector: string): Promise<{ text: string; at: number }[]> {
  return page.evaluate((selector) => {
    const box = document.querySelector(selector);
    const out: { text: string; at: number; node: Node }[] = [];
    for (const [name, h] of CSS.highlights) {
      if (!name.startsWith('gloss-')) continue;
      for (const r of h as Highlight) {
        const range = r as AbstractRange;
        if (!box?.contains(range.startContainer)) continue;
        out.push({ text: (range.startContainer as Text).data.slice(range.startOffset, range.endOffset), at: range.startOffset, node: range.startContainer });
      }
    }
    out.sort((a, b) => (a.node === b.node ? a.at - b.at : a.node.compareDocumentPosition(b.node) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    return out.map(({ text, at }) => ({ text, at }));
  }, selector);
}
const texts = async (page: Page, selector: string) => (await paintedIn(page, selector)).map((p) => p.text);

let site: StaticServer;
test.beforeAll(async () => {
  site = await serveDirectory('tests/fixtures/pages', {
    '/deep.html': deepPage(),
    '/big-text.html': bigTextPage(),
    '/million.html': millionNodesPage(),
    '/ticker.html': tickerPage(),
  });
});
test.afterAll(async () => site.close());

test('a page 20,000 elements deep: Gloss starts, paints the mention at the bottom and reports the page', async ({ gloss }) => {
  const page = await openArticle(gloss.context, site.url + '/deep.html');
  expect(await page.evaluate(() => document.getElementById('deepest')!.closest('body') !== null)).toBe(true);
  await expect.poll(() => texts(page, '#story')).toEqual(LEDE);
  await expect.poll(() => texts(page, '#deepest')).toEqual(['Nvidia']);
  // The report counts both Nvidias: counting asked nothing of the deep chain that crashes Chromium.
  await tabIdOf(gloss.worker, site.url + '/deep.html');
  const reported = await gloss.worker.evaluate(async () => {
    const all = (await (globalThis as any).chrome.storage.session.get(null)) as Record<string, { mentions?: { entity: string; count: number }[] }>;
    return Object.values(all).flatMap((v) => v.mentions ?? []).find((m) => m.entity === 'nvidia')?.count;
  });
  expect(reported).toBe(2);
  expect(page.isClosed()).toBe(false);
});

test('one 10 MB text node is read in pieces, up to the names a page may hold', async ({ gloss }) => {
  const page = await openArticle(gloss.context, site.url + '/big-text.html');
  const length = await page.evaluate(() => (document.getElementById('big')!.firstChild as Text).length);
  expect(length).toBeGreaterThan(10_000_000);
  // Some 70,000 names: painted from the start, up to 10,000 names read for the page
  // (every painted range costs Chromium work at each change), the rest left alone.
  await expect.poll(async () => (await paintedIn(page, '#big')).length).toBeGreaterThan(5_000);
  const painted = await paintedIn(page, '#big');
  expect(painted[0]).toEqual({ text: 'Huawei', at: 0 });
  expect(painted.length).toBeLessThanOrEqual(10_000);
  expect(painted[painted.length - 1]!.at).toBeLessThan(length / 2);
  expect(await texts(page, '#story')).toEqual(LEDE);
});

test('a million nodes are read to the last one', async ({ gloss }) => {
  const page = await openArticle(gloss.context, site.url + '/million.html');
  expect(await page.evaluate(() => document.querySelectorAll('#many span').length)).toBe(500_000);
  await expect.poll(async () => (await paintedIn(page, '#many')).slice(-2).map((p) => p.text)).toEqual(['Huawei', 'Ascend 910C']);
  // Every span naming a company, and nothing else.
  const named = await page.evaluate(() => [...document.querySelectorAll('#many span')].filter((s) => /Huawei|Ascend/.test(s.textContent!)).length);
  expect(named).toBeGreaterThan(4_000);
  await expect.poll(async () => (await paintedIn(page, '#many')).length).toBe(named);
});

test('a ticker that never settles is not painted, then not watched; once it stops, Gloss reads what it missed', async ({ gloss }) => {
  const page = await openArticle(gloss.context, site.url + '/ticker.html');
  await expect.poll(() => texts(page, '#story')).toEqual(LEDE);
  // Ticker cells naming Nvidia and Huawei change every frame: their mentions go.
  await expect.poll(() => page.evaluate(() => (window as unknown as { tickerFrames: number }).tickerFrames)).toBeGreaterThan(10);
  await expect.poll(() => texts(page, '#ticker')).toEqual([]);
  // Changes by the thousand every second, for seconds: Gloss stops watching.
  await expect.poll(() => inGloss(page, 'globalThis.gloss.changes.paused'), { timeout: 15_000 }).toBe(true);
  expect(await texts(page, '#story')).toEqual(LEDE);
  expect(await texts(page, '#ticker')).toEqual([]);

  // While it does not watch, a new paragraph goes unread...
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.id = 'late';
    p.textContent = 'Later, SMIC said it would not comment.';
    document.getElementById('story')!.append(p);
  });
  expect(await texts(page, '#late')).toEqual([]);
  // ...until the storm is over: then the page is read again, and the still ticker is painted.
  await page.evaluate(() => (window as unknown as { stopTicker(): void }).stopTicker());
  await expect.poll(() => texts(page, '#late'), { timeout: 30_000 }).toEqual(['SMIC']);
  expect(await inGloss(page, 'globalThis.gloss.changes.paused')).toBe(false);
  await expect.poll(() => texts(page, '#ticker'), { timeout: 15_000 }).toEqual(expect.arrayContaining(['Nvidia', 'Huawei']));
  expect(await texts(page, '#story')).toEqual([...LEDE, 'SMIC']);
});
