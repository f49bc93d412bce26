// Late content and app-like sites (tests/fixtures/apps): a page server-rendered by React
// and hydrated by React after Gloss painted it, a history.pushState route change, an infinite-scroll feed.
// Gloss paints with CSS Custom Highlights and never changes the page's DOM, which is why
// hydration still finds the server's markup node for node.
import { build } from 'esbuild';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openArticle, tabIdOf } from '../support/browser';
import { serveDirectory, type StaticServer } from '../support/server';
import { expect, test } from './fixtures';
import { cardState, painted, shownCardName } from './reader-support';

let site: StaticServer;
/** The React story: its page rendered by react-dom/server, its client bundled by esbuild (development build, which reports every mismatch). */
let react: StaticServer;
test.beforeAll(async () => {
  site = await serveDirectory('tests/fixtures/apps');
  const story = (await import(pathToFileURL(resolve('tests/fixtures/apps/react-story.mjs')).href)) as { serverPage(): Promise<string> };
  const client = await build({
    entryPoints: ['tests/fixtures/apps/react-client.mjs'],
    bundle: true,
    write: false,
    format: 'iife',
    external: ['react-dom/server'],
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'silent',
  });
  react = await serveDirectory('tests/fixtures/apps', { '/story.html': await story.serverPage(), '/react-client.js': client.outputFiles[0]!.text });
});
test.afterAll(async () => {
  await site.close();
  await react.close();
});

test('a page server-rendered by React hydrates after Gloss painted it: no hydration error, handlers work', async ({ gloss }) => {
  const errors: string[] = [];
  const page = await gloss.context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(react.url + '/story.html');
  const names = ['company:Nvidia', 'chip:H20', 'company:Nvidia', 'chip:H20', 'company:Huawei', 'chip:Ascend 910C'];
  await expect.poll(() => painted(page)).toEqual(names);
  const before = await page.evaluate(() => document.getElementById('root')!.innerHTML);

  // React claims the server's DOM node for node; any node or text Gloss had added or
  // changed would be reported as a hydration error.
  expect(await page.evaluate(() => (window as unknown as { hydrate(): Promise<string[]> }).hydrate())).toEqual([]);
  for (let i = 0; i < 3; i++) await page.click('button.like');
  await expect(page.locator('.count')).toHaveText('3');
  expect(errors).toEqual([]);
  expect(await page.evaluate(() => document.getElementById('root')!.innerHTML)).toBe(before.replace('<span class="count">0</span>', '<span class="count">3</span>'));
  expect(await painted(page)).toEqual(names);
});

test('a pushState route change: the new view is annotated, the old one is gone, the tab reports the new address', async ({ gloss }) => {
  const page = await openArticle(gloss.context, site.url + '/app-routes.html');
  await expect.poll(() => painted(page)).toEqual(['company:Nvidia', 'chip:H20']);
  const tabId = await tabIdOf(gloss.worker, site.url + '/app-routes.html');
  const reported = () =>
    gloss.worker.evaluate(async (key) => ((await (globalThis as any).chrome.storage.session.get(key))[key]?.mentions ?? []).map((m: { entity: string }) => m.entity).sort(), `tab:${tabId}`);
  await expect.poll(reported).toEqual(['h20', 'nvidia']);
  await page.click('a[data-story="2"]');
  expect(page.url()).toBe(site.url + '/app-routes.html?story=2');
  await expect.poll(() => painted(page)).toEqual(['company:Huawei', 'chip:Ascend 910C']);
  await expect.poll(reported).toEqual(['ascend-910c', 'huawei']);
  await page.goBack();
  await expect.poll(() => painted(page)).toEqual(['company:Nvidia', 'chip:H20']);
});

test('an infinite-scroll feed: each appended story is annotated', async ({ gloss }) => {
  const page = await openArticle(gloss.context, site.url + '/app-feed.html');
  await expect.poll(() => painted(page)).toEqual(['company:Nvidia', 'chip:H20']);
  await page.mouse.move(600, 400);
  await page.mouse.wheel(0, 1500);
  await expect.poll(() => painted(page)).toEqual(['company:Nvidia', 'chip:H20', 'company:Huawei', 'chip:Ascend 910C']);
  await page.mouse.wheel(0, 1500);
  await expect.poll(() => painted(page)).toEqual(['company:Nvidia', 'chip:H20', 'company:Huawei', 'chip:Ascend 910C', 'rule:Entity List']);
});

test('open shadow roots and same-origin iframes are read, painted, and followed as they change', async ({ gloss }) => {
  const page = await openArticle(gloss.context, site.url + '/app-components.html');
  await expect.poll(() => painted(page)).toEqual(['company:Nvidia', 'chip:H20', 'company:Huawei', 'chip:Ascend 910C']);
  // The highlight is styled inside the shadow root too.
  const line = await page.evaluate(() => getComputedStyle(document.getElementById('story')!.shadowRoot!.getElementById('inside')!, '::highlight(gloss-chip)').textDecorationLine);
  expect(line).toBe('underline');
  // A card opens on a mention inside the shadow root.
  const box = await page.evaluate(() => {
    const text = document.getElementById('story')!.shadowRoot!.getElementById('inside')!.firstChild as Text;
    const r = document.createRange();
    r.setStart(text, 0);
    r.setEnd(text, 6);
    const b = r.getBoundingClientRect();
    return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  });
  // Straight onto it: a pointer dragged across the page can rest on Nvidia on the way
  // (on a busy machine) and open that card over Huawei.
  await page.mouse.move(box.x, box.y);
  await expect.poll(() => shownCardName(page)).toBe('Huawei');
  await page.evaluate(() => (window as unknown as { addToStory(t: string): void }).addToStory('The H200 followed.'));
  await expect.poll(() => painted(page)).toEqual(['company:Nvidia', 'chip:H20', 'company:Huawei', 'chip:Ascend 910C', 'chip:H200']);

  const inFrame = (name: string) =>
    page.frame({ name })!.evaluate(() => [...CSS.highlights].flatMap(([name, h]) => [...(h as Highlight)].map((r) => `${name.slice(6)}:${(r.startContainer as Text).data.slice(r.startOffset, r.endOffset)}`)).sort());
  await expect.poll(() => inFrame('related')).toEqual(['company:Huawei', 'company:Nvidia', 'rule:Entity List']);
  // A frame the size of an ad slot or a tracking pixel is left alone.
  expect(await inFrame('tiny')).toEqual([]);
});
