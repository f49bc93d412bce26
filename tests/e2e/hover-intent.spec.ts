// Hover that forgives (WCAG 1.4.13): a card opens only for a pointer that rests on a
// mention, not for one passing over; it stays while the pointer crosses or rests in the
// gap to the card and while it is on the card; Esc dismisses it without moving the
// pointer. Touch: a tap on a mention opens its card, a tap elsewhere closes it.
import { openArticle, tabIdOf } from '../support/browser';
import { serveDirectory, type StaticServer } from '../support/server';
import { expect, test } from './fixtures';
import { ARTICLE, boxOf, cardState, painted, shownCardName } from './reader-support';

let site: StaticServer;
test.beforeAll(async () => {
  site = await serveDirectory('tests/fixtures/pages', { '/article.html': ARTICLE });
});
test.afterAll(async () => site.close());

const shown = async (page: import('@playwright/test').Page) => (await cardState(page))?.shown === true;

test('a pointer sweeping over a mention opens no card; one resting on it does', async ({ gloss }) => {
  const page = await openArticle(gloss.context, site.url + '/article.html');
  await expect.poll(() => painted(page)).toHaveLength(6);
  const box = await boxOf(page, '#a', 'Nvidia');
  const y = box.y + box.height / 2;
  // A slow sweep along the line, 8 px every 30 ms: about 250 px/s, over the word for
  // longer than the card's delay, never resting. Every step moves the pointer further
  // than a resting hand, so each restarts the delay. A sweep in which the test itself
  // stalled (two moves further apart than the delay, as on a busy machine) was a rest,
  // not a sweep: it proves nothing either way and is swept again.
  await page.evaluate(() => {
    const w = window as unknown as { moves: number[] };
    w.moves = [];
    document.addEventListener('mousemove', (e) => w.moves.push(e.timeStamp), { passive: true });
  });
  const longestPause = () =>
    page.evaluate(() => {
      const m = (window as unknown as { moves: number[] }).moves;
      return Math.max(0, ...m.slice(1).map((t, i) => t - m[i]!));
    });
  let swept = false;
  for (let attempt = 0; attempt < 10 && !swept; attempt++) {
    await page.mouse.move(box.x - 40, y - 60);
    await expect.poll(() => shown(page)).toBe(false);
    await page.mouse.move(box.x - 40, y);
    await page.evaluate(() => ((window as unknown as { moves: number[] }).moves = []));
    let opened = false;
    for (let x = box.x - 40; x < box.x + box.width + 60; x += 8) {
      await page.mouse.move(x, y);
      await page.waitForTimeout(30);
      opened ||= await shown(page);
    }
    const pause = await longestPause();
    if (pause >= 120) continue;
    expect(opened, `a card opened during a sweep whose longest pause was ${Math.round(pause)} ms`).toBe(false);
    swept = true;
  }
  expect(swept, 'ten sweeps in a row stalled; the machine is too busy to tell a sweep from a rest').toBe(true);
  await page.waitForTimeout(400);
  expect(await shown(page)).toBe(false);
  // Coming back to rest on it opens the card.
  await page.mouse.move(box.x + box.width / 2, y, { steps: 4 });
  // The card shows at once, first as "loading" until the background answers; a card
  // hidden earlier keeps its last text, so only a shown card's name counts.
  await expect.poll(() => shownCardName(page)).toBe('Nvidia');
});

test('the card stays while the pointer rests in the gap and on the card, and Esc dismisses it where the pointer is', async ({ gloss }) => {
  const page = await openArticle(gloss.context, site.url + '/article.html');
  await expect.poll(() => painted(page)).toHaveLength(6);
  const box = await boxOf(page, '#a', 'Nvidia');
  const x = box.x + box.width / 2;
  await page.mouse.move(x, box.y + box.height / 2, { steps: 3 });
  await expect.poll(() => shown(page)).toBe(true);
  // Into the gap below the word (the card sits 6 px below it), and rest there.
  await page.mouse.move(x, box.y + box.height + 3, { steps: 2 });
  await page.waitForTimeout(800);
  expect(await shown(page)).toBe(true);
  // Onto the card, and rest.
  await page.mouse.move(x, box.y + box.height + 30, { steps: 3 });
  await page.waitForTimeout(800);
  expect(await shown(page)).toBe(true);
  // Esc, pointer still on the card.
  await page.keyboard.press('Escape');
  await expect.poll(() => shown(page)).toBe(false);
  // Away from both: a card opened again closes.
  await page.mouse.move(x, box.y + box.height / 2, { steps: 3 });
  await expect.poll(() => shown(page)).toBe(true);
  await page.mouse.move(1000, 800, { steps: 3 });
  await expect.poll(() => shown(page)).toBe(false);
});

test('touch: a tap on a mention opens its card and it stays until a tap elsewhere', async ({ gloss }) => {
  const page = await openArticle(gloss.context, site.url + '/article.html');
  await expect.poll(() => painted(page)).toHaveLength(6);
  // A touch screen, taps as the browser sends them (pointer events of type "touch").
  const cdp = await gloss.context.newCDPSession(page);
  await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
  const tap = async (x: number, y: number) => {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  };
  const box = await boxOf(page, '#b', 'Huawei');
  await tap(box.x + box.width / 2, box.y + box.height / 2);
  await expect.poll(() => shownCardName(page)).toBe('Huawei');
  expect(await shown(page)).toBe(true);
  // A tapped card is not a hover: nothing "leaving" closes it, only a tap elsewhere.
  await page.mouse.move(1000, 800, { steps: 2 });
  await page.waitForTimeout(600);
  expect(await shown(page)).toBe(true);
  await tap(1000, 850);
  await expect.poll(() => shown(page)).toBe(false);
});

test('a card that failed to load is asked for again the next time, not kept for the page', async ({ gloss }) => {
  const page = await openArticle(gloss.context, site.url + '/article.html');
  await expect.poll(() => painted(page)).toHaveLength(6);
  // The background's next read of IndexedDB fails once, as a busy or broken disk would.
  // (Only a read of Huawei's entity, once the page's report is stored: reading the report's
  // entities reads Huawei's too, and would take the failure for itself.)
  await tabIdOf(gloss.worker, page.url());
  await gloss.worker.evaluate(() => {
    const own = IDBObjectStore.prototype.get;
    IDBObjectStore.prototype.get = function (this: IDBObjectStore, key: IDBValidKey | IDBKeyRange) {
      if (this.name !== 'entities' || key !== 'huawei') return own.call(this, key);
      IDBObjectStore.prototype.get = own;
      throw new DOMException('disk trouble', 'UnknownError');
    };
  });
  const box = await boxOf(page, '#b', 'Huawei');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
  await expect.poll(async () => (await cardState(page))?.shown).toBe(true);
  expect((await cardState(page))!.name).toBeNull();
  await page.mouse.move(1000, 800, { steps: 3 });
  await expect.poll(() => shown(page)).toBe(false);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
  await expect.poll(() => shownCardName(page)).toBe('Huawei');
});
