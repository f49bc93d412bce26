import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { cardElements, cardShadowMode, openArticle, paintedMentions, tabIdOf } from '../support/browser';
import { serveDirectory } from '../support/server';
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

/** Screen position of the first "H20" of the page, scrolled into view. */
function pointAtH20(page: Page): Promise<{ x: number; y: number }> {
  return page.evaluate(() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = (n as Text).data.search(/H20(?![0-9])/);
      if (i < 0) continue;
      (n.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + 3);
      const box = r.getBoundingClientRect();
      return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    }
    throw new Error('no H20');
  });
}

test('only the reader’s own pointer opens a card, and the page cannot look inside it', async ({ gloss, site }) => {
  const page = await openArticle(gloss.context, site.url + GREEK_ARTICLE);
  const { x, y } = await pointAtH20(page);
  // The page's script moves a pointer of its own over H20, again and again.
  await page.evaluate(({ x, y }) => {
    for (let i = 0; i < 20; i++) document.dispatchEvent(new MouseEvent('mousemove', { clientX: x + (i % 3), clientY: y, bubbles: true }));
  }, { x, y });
  await page.waitForTimeout(600);
  expect(await page.evaluate(() => document.querySelector('gloss-card'))).toBeNull();
  expect(await cardElements(page, '.gloss-card')).toEqual([]);

  await page.mouse.move(x, y - 30);
  await page.mouse.move(x, y, { steps: 4 });
  await expect.poll(async () => (await cardElements(page, '.gloss-name')).map((e) => e.text)).toEqual([expect.stringContaining('H20')]);
  expect(await cardShadowMode(page)).toBe('closed');
  // The host is there, but nothing in it: the links cannot be read or rewritten.
  expect(await page.evaluate(() => ({ root: document.querySelector('gloss-card')!.shadowRoot, links: document.querySelectorAll('a[href*="tomshardware"]').length }))).toEqual({ root: null, links: 0 });
});

test('nothing in a page tells it that Gloss is installed', async ({ gloss }) => {
  const quiet = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Recipes</title></head><body><main><h1>Bread</h1><p>Flour, water, salt and time.</p></main></body></html>`;
  const server = await serveDirectory('tests/fixtures/pages', { '/quiet.html': quiet });
  try {
    const page = await openArticle(gloss.context, server.url + '/quiet.html');
    // Gloss has read this page (its isolated world says so); the page sees none of it.
    await tabIdOf(gloss.worker, server.url + '/quiet.html');
    const seen = await page.evaluate(() => ({
      html: document.documentElement.outerHTML,
      highlights: [...CSS.highlights.keys()],
      sheets: document.adoptedStyleSheets.length + document.styleSheets.length,
      // The styles of Gloss's highlights would answer here if they were in the page.
      chipStyle: getComputedStyle(document.querySelector('p')!, '::highlight(gloss-chip)').backgroundColor,
      unknownStyle: getComputedStyle(document.querySelector('p')!, '::highlight(no-such-highlight)').backgroundColor,
    }));
    expect(seen.html).toBe(await (await fetch(server.url + '/quiet.html')).text().then((t) => t.replace('<!doctype html>', '').trim()));
    expect(seen).toMatchObject({ highlights: [], sheets: 0 });
    expect(seen.chipStyle).toBe(seen.unknownStyle);
  } finally {
    await server.close();
  }
});

test('a page cannot switch Gloss off by posing as a newer copy of it', async ({ gloss }) => {
  const server = await serveDirectory('tests/fixtures/pages', {
    '/live.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Live</title></head><body><main id="feed"><p>Nvidia shares rose after the H20 news.</p></main></body></html>`,
  });
  try {
    const page = await openArticle(gloss.context, server.url + '/live.html');
    await expect.poll(async () => (await paintedMentions(page)).map((m) => m.text)).toEqual(['Nvidia', 'H20']);
    // WXT stops an older copy of a content script when a newer one announces itself with
    // this event; the extension's id is public, so any page can send it.
    await page.evaluate((id) => {
      for (const name of ['content']) document.dispatchEvent(new CustomEvent(`${id}:${name}:wxt:content-script-started`, { detail: { contentScriptName: name, messageId: 'page' } }));
    }, gloss.extensionId);
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'Huawei answered with the Ascend 910C.';
      document.getElementById('feed')!.append(p);
    });
    await expect.poll(async () => (await paintedMentions(page)).map((m) => m.text)).toEqual(['Nvidia', 'H20', 'Huawei', 'Ascend 910C']);
  } finally {
    await server.close();
  }
});

test('a page reaches only its own site’s notes: not by naming another site’s article, nor by having its notes searched', async ({ gloss, site }) => {
  // Two sites on this machine: localhost and 127.0.0.1.
  const victimUrl = site.url.replace('127.0.0.1', 'localhost') + GREEK_ARTICLE;
  expect(victimUrl).not.toBe(site.url + GREEK_ARTICLE);
  const send = (page: Page, message: object) => inContentScript(page, `chrome.runtime.sendMessage(${JSON.stringify(message)})`) as Promise<{ ok: boolean; result?: any }>;
  const note = (meta: object, body: string) => ({
    type: 'page.addNote',
    payload: { meta, title: 'Story', body, tags: [], entities: [], quote: { exact: 'Nvidia', prefix: '', suffix: '' }, position: null },
  });

  const victim = await openArticle(gloss.context, victimUrl);
  const added = await send(victim, note({}, 'what my source told me'));
  expect(added).toMatchObject({ ok: true });
  const noteId = added.result.id as string;
  expect((await send(victim, { type: 'page.notes', payload: { meta: {} } })).result.notes.map((n: { id: string }) => n.id)).toEqual([noteId]);

  const evil = await openArticle(gloss.context, site.url + GREEK_ARTICLE);
  // Claiming the victim's address as canonical reads nothing of it.
  expect(await send(evil, { type: 'page.notes', payload: { meta: { canonical: victimUrl, ogUrl: victimUrl } } })).toMatchObject({ ok: true, result: { notes: [] } });
  // Naming the victim's note does not make the background search for it (or for any text the page chooses).
  const quotes = Array.from({ length: 50 }, () => ({ id: noteId, exact: 'Nvidia', prefix: '', suffix: '', start: 0 }));
  expect(await send(evil, { type: 'page.anchor', payload: { text: 'Nvidia and Nvidia again', quotes } })).toEqual({ ok: true, result: { found: [] } });
  expect(await send(evil, { type: 'page.anchor', payload: { text: 'Nvidia', quotes: [{ id: '0'.repeat(26), exact: 'Nvidia', prefix: '', suffix: '', start: 0 }] } })).toEqual({
    ok: true,
    result: { found: [] },
  });
  // A note it writes lands on its own article, never on the one it names.
  expect(await send(evil, note({ canonical: victimUrl }, 'planted'))).toMatchObject({ ok: true });
  expect((await send(victim, { type: 'page.notes', payload: { meta: {} } })).result.notes.map((n: { body: string }) => n.body)).toEqual(['what my source told me']);
});

test('the sync token never reaches a page: not by asking, not from storage, not in any answer', async ({ gloss, site }) => {
  const token = `gls_${'S3cr3tT0k3n'.repeat(4)}`;
  const options = await gloss.context.newPage();
  await options.goto(`chrome-extension://${gloss.extensionId}/options.html`);
  const set = await options.evaluate((t) => (globalThis as any).chrome.runtime.sendMessage({ type: 'ui.setSync', payload: { url: 'http://127.0.0.1:9', token: t } }), token);
  expect(set).toMatchObject({ ok: true, result: { configured: true } });
  expect(JSON.stringify(set)).not.toContain(token);

  const page = await openArticle(gloss.context, site.url + GREEK_ARTICLE);
  const seen = (await inContentScript(
    page,
    `(async () => {
      const ask = (type, payload) => chrome.runtime.sendMessage({ type, payload }).then((r) => JSON.stringify(r), (e) => String(e));
      const out = {
        status: await ask('ui.syncStatus', {}),
        setSync: await ask('ui.setSync', { url: 'https://evil.example', token: 'gls_${'x'.repeat(43)}' }),
        syncNow: await ask('ui.syncNow', {}),
        dictionary: await ask('page.dictionary', {}),
        notes: await ask('page.notes', { meta: {} }),
        local: await chrome.storage.local.get(null).then((r) => JSON.stringify(r), (e) => String(e)),
        session: await Promise.resolve().then(() => chrome.storage.session.get(null)).then((r) => JSON.stringify(r), (e) => String(e)),
      };
      return out;
    })()`,
  )) as Record<string, string>;
  for (const [what, text] of Object.entries(seen)) expect(text, what).not.toContain('S3cr3tT0k3n');
  expect(JSON.parse(seen.status!)).toEqual({ ok: false, error: 'ui.syncStatus: not allowed from a web page' });
  expect(JSON.parse(seen.setSync!)).toEqual({ ok: false, error: 'ui.setSync: not allowed from a web page' });
  // The server is still the one the reader set.
  const status = await options.evaluate(() => (globalThis as any).chrome.runtime.sendMessage({ type: 'ui.syncStatus', payload: {} }));
  expect(status.result.url).toBe('http://127.0.0.1:9');
});

test('a pack’s text is shown as text and its links only as https; a pack with other addresses or bidi overrides is refused whole', async ({ gloss }) => {
  const lumen = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Photonics</title></head><body><article><p>The Lumen P1 photonic interconnect is sampling.</p></article></body></html>`;
  const site = await serveDirectory('tests/fixtures/pages', { '/lumen.html': lumen });
  const base = () => JSON.parse(readFileSync(resolve('tests/fixtures/packs/newsroom.json'), 'utf8'));
  const file = (p: unknown, name: string) => ({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(p)) });
  try {
    const options = await gloss.context.newPage();
    await options.goto(`chrome-extension://${gloss.extensionId}/options.html`);
    for (const [name, spoil] of [
      ['javascript-source.json', (p: any) => (p.sources[0].url = 'javascript:alert(document.domain)')],
      ['data-source.json', (p: any) => (p.sources[0].url = 'data:text/html,<script>alert(1)</script>')],
      ['http-source.json', (p: any) => (p.sources[0].url = 'http://newsroom.example/notes/lumen-p1')],
      ['bidi-name.json', (p: any) => (p.entities[0].names.en = 'Lumen \u202E1P')],
    ] as const) {
      const p = base();
      spoil(p);
      await options.locator('input[type="file"]').setInputFiles(file(p, name));
      await expect(options.locator('.status')).toContainText('was not imported');
      await expect(options.locator('tr[data-pack="newsroom-desk"]')).toHaveCount(0);
    }

    const markup = base();
    markup.entities[0].names.en = 'Lumen P1 <img src=x onerror="document.title=\'pwned\'">';
    markup.entities[0].summary.en = '<script>document.title="pwned"</script><b>bold</b> <a href="javascript:alert(1)">click</a>';
    markup.events[0].title.en = '<iframe src="javascript:alert(1)"></iframe> samples';
    markup.sources[0].publisher = '<a href="javascript:alert(1)">Example Newsroom</a>';
    await options.locator('input[type="file"]').setInputFiles(file(markup, 'markup.json'));
    await expect(options.locator('.status')).toContainText('Imported pack “newsroom-desk”');

    const page = await openArticle(gloss.context, site.url + '/lumen.html');
    const { x, y } = await page.evaluate(() => {
      const text = document.querySelector('p')!.firstChild as Text;
      const r = document.createRange();
      r.setStart(text, 4);
      r.setEnd(text, 12);
      const box = r.getBoundingClientRect();
      return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    });
    await page.mouse.move(x, y - 30);
    await page.mouse.move(x, y, { steps: 4 });
    await expect.poll(async () => (await cardElements(page, '.gloss-name')).map((e) => e.text)).toEqual([markup.entities[0].names.en]);
    expect((await cardElements(page, '.gloss-summary')).map((e) => e.text)).toEqual([markup.entities[0].summary.en]);
    expect(await cardElements(page, 'img, script, iframe, b, object, embed')).toEqual([]);
    const links = await cardElements(page, 'a[href]');
    expect(links.length).toBeGreaterThan(0);
    for (const a of links) expect(a.attributes.href).toMatch(/^https:\/\//);
    expect(await page.title()).toBe('Photonics');
  } finally {
    await site.close();
  }
});

test('a page’s title is shown in the popup isolated in its own direction: a right-to-left override stays inside it', async ({ gloss }) => {
  const body = '<p>Nvidia sold H20 chips in China under export licences, and Huawei made Ascend chips.</p>';
  const server = await serveDirectory('tests/fixtures/pages', {
    '/rlo.html': `<!doctype html><html lang="en"><head><title>\u202Egnp.exe Nvidia</title></head><body>${body}</body></html>`,
    '/rtl.html': `<!doctype html><html lang="he"><head><title>אנבידיה ו-H20</title></head><body>${body}</body></html>`,
  });
  try {
    for (const [path, direction] of [['/rlo.html', 'ltr'], ['/rtl.html', 'rtl']] as const) {
      const url = server.url + path;
      await openArticle(gloss.context, url);
      const tabId = await tabIdOf(gloss.worker, url);
      const popup = await gloss.context.newPage();
      await popup.goto(`chrome-extension://${gloss.extensionId}/popup.html?tab=${tabId}`);
      const title = popup.locator('h1.page-title');
      await expect(title).toBeVisible();
      const style = await title.evaluate((h) => ({ bidi: getComputedStyle(h).unicodeBidi, direction: getComputedStyle(h).direction }));
      expect(style, path).toEqual({ bidi: 'isolate', direction });
      await popup.close();
    }
  } finally {
    await server.close();
  }
});
