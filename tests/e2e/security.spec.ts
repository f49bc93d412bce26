import type { Page } from '@playwright/test';
import { openArticle } from '../support/browser';
import { expect, GREEK_ARTICLE, test } from './fixtures';

/**
 * Runs code in Gloss's content-script world of a page, as a compromised renderer could:
 * it can send anything a content script can send.
 */
async function inContentScript(page: Page, expression: string): Promise<unknown> {
  const cdp = await page.context().newCDPSession(page);
  const contexts: { id: number; name: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  await expect.poll(() => contexts.some((c) => c.auxData?.type === 'isolated' && c.name === 'Gloss')).toBe(true);
  const world = contexts.find((c) => c.auxData?.type === 'isolated' && c.name === 'Gloss')!;
  const result = await cdp.send('Runtime.evaluate', { expression, contextId: world.id, awaitPromise: true, returnByValue: true });
  await cdp.detach();
  if (result.exceptionDetails) throw new Error(result.exceptionDetails.exception?.description ?? 'evaluation failed');
  return result.result.value;
}

test('a page speaking as the content script cannot import, remove, mute or read other tabs', async ({ gloss, site }) => {
  const page = await openArticle(gloss.context, site.url + GREEK_ARTICLE);
  const send = (message: object) => inContentScript(page, `chrome.runtime.sendMessage(${JSON.stringify(message)})`);

  const evilPack = JSON.stringify({ pack: { format: 1, id: 'evil', version: '9', name: 'x' }, entities: [], events: [], sources: [] });
  for (const message of [
    { type: 'ui.importPack', payload: { json: evilPack } },
    { type: 'ui.removePack', payload: { id: 'gloss-core' } },
    { type: 'ui.setMuted', payload: { entity: 'nvidia', muted: true } },
    { type: 'ui.tabMentions', payload: { tabId: 1 } },
  ]) {
    expect(await send(message)).toEqual({ ok: false, error: `${message.type}: not allowed from a web page` });
  }

  // Allowed requests are still validated, and made-up entities are not stored.
  expect(await send({ type: 'page.card', payload: { entity: 'x'.repeat(500), lang: 'en' } })).toMatchObject({ ok: false });
  expect(await send({ type: 'page.mentions', payload: { title: 'spoof', mentions: [{ entity: 'made-up', count: 5, text: 'x' }] } })).toEqual({
    ok: true,
    result: { stored: 0 },
  });

  const packs = await gloss.worker.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        const open = indexedDB.open('gloss');
        open.onsuccess = () => {
          const req = open.result.transaction('packs').objectStore('packs').getAllKeys();
          req.onsuccess = () => resolve(req.result as string[]);
        };
      }),
  );
  expect(packs).toEqual(['gloss-core']);
  const written = await gloss.worker.evaluate(
    () =>
      new Promise<number[]>((resolve) => {
        const open = indexedDB.open('gloss');
        open.onsuccess = () => {
          const tx = open.result.transaction(['mutes', 'outbox']);
          const counts: number[] = [];
          for (const name of ['mutes', 'outbox']) {
            const req = tx.objectStore(name).count();
            req.onsuccess = () => {
              counts.push(req.result);
              if (counts.length === 2) resolve(counts);
            };
          }
        };
      }),
  );
  expect(written).toEqual([0, 0]);
});

test('the page’s own scripts cannot reach Gloss at all', async ({ gloss, site }) => {
  const page = await openArticle(gloss.context, site.url + GREEK_ARTICLE);
  expect(await page.evaluate(() => typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage)).toBe('undefined');
});
