// Readers in control of how much Gloss shows: per-site off, global pause, first-mention
// mode and kinds switched off, applied live on an open page; the toolbar badge.
import { openArticle, tabIdOf } from '../support/browser';
import { serveDirectory, type StaticServer } from '../support/server';
import { expect, test } from './fixtures';
import { ARTICLE, painted, uiRequest } from './reader-support';

let site: StaticServer;
test.beforeAll(async () => {
  site = await serveDirectory('tests/fixtures/pages', { '/article.html': ARTICLE, '/plain.html': '<!doctype html><title>Plain</title><p>Nothing to see.</p>' });
});
test.afterAll(async () => site.close());

const EVERY = ['company:Nvidia', 'chip:H20', 'company:Nvidia', 'chip:H20', 'company:Huawei', 'chip:Ascend 910C'];

test('site settings apply on the open page without a reload: first mentions, kinds, pause, site off', async ({ gloss }) => {
  const url = site.url + '/article.html';
  const page = await openArticle(gloss.context, url);
  await expect.poll(() => painted(page)).toEqual(EVERY);
  const tabId = await tabIdOf(gloss.worker, url);
  const badge = () => gloss.worker.evaluate((tabId) => (globalThis as any).chrome.action.getBadgeText({ tabId }), tabId);
  const title = () => gloss.worker.evaluate((tabId) => (globalThis as any).chrome.action.getTitle({ tabId }), tabId);
  const reported = () => gloss.worker.evaluate(async (key) => ((await (globalThis as any).chrome.storage.session.get(key))[key]?.mentions ?? []).length, `tab:${tabId}`);
  await expect.poll(badge).toBe('4');
  expect(await title()).toBe('Gloss: 4 topics on this page');

  await uiRequest(gloss, 'ui.setSiteSetting', { site: '*', mode: 'first' });
  await expect.poll(() => painted(page)).toEqual(['company:Nvidia', 'chip:H20', 'company:Huawei', 'chip:Ascend 910C']);

  await uiRequest(gloss, 'ui.setSiteSetting', { site: '*', mode: 'all', hiddenKinds: ['chip'] });
  await expect.poll(() => painted(page)).toEqual(['company:Nvidia', 'company:Nvidia', 'company:Huawei']);

  await uiRequest(gloss, 'ui.setSiteSetting', { site: '*', hiddenKinds: [] });
  await expect.poll(() => painted(page)).toEqual(EVERY);

  // Paused everywhere: nothing painted, nothing counted.
  await uiRequest(gloss, 'ui.setSiteSetting', { site: '*', off: true });
  await expect.poll(() => painted(page)).toEqual([]);
  await page.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<p>Nvidia again.</p>'));
  await expect.poll(badge).toBe('');
  expect(await reported()).toBe(0);
  await uiRequest(gloss, 'ui.setSiteSetting', { site: '*', off: false });
  await expect.poll(() => painted(page)).toEqual([...EVERY, 'company:Nvidia']);
  await expect.poll(badge).toBe('4');

  // Off on this site: the same, and it stays off after a reload.
  const reply = (await uiRequest(gloss, 'ui.siteSettings', { tabId })) as { site: string };
  expect(reply.site).toBe('127.0.0.1');
  await uiRequest(gloss, 'ui.setSiteSetting', { site: '127.0.0.1', off: true });
  await expect.poll(() => painted(page)).toEqual([]);
  await page.reload();
  await page.waitForTimeout(1500);
  expect(await painted(page)).toEqual([]);
  await expect.poll(badge).toBe('');
  expect(await reported()).toBe(0);
  await uiRequest(gloss, 'ui.setSiteSetting', { site: '127.0.0.1', off: false });
  await expect.poll(() => painted(page)).toEqual(EVERY);

  // A new page in the tab starts with no count.
  await expect.poll(badge).toBe('4');
  await page.goto(site.url + '/plain.html');
  await expect.poll(badge).toBe('');
  expect(await title()).toBe('Gloss: what this page mentions');
});
