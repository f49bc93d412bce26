// A newsroom's private pack: its mentions are found and listed, and a card opens when
// the reader points at one, but nothing of it is painted where the page could read it
// (docs/decisions/0010-hostile-pages-and-private-packs.md). And a pack update reaches
// the cards of open pages.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { cardElements, openArticle, paintedMentions, tabIdOf } from '../support/browser';
import { serveDirectory } from '../support/server';
import { expect, test } from './fixtures';

const PACKS = resolve('tests/fixtures/packs');
const ARTICLE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Photonics</title></head><body>
  <article><h1>Interconnects</h1><p>The Lumen P1 photonic interconnect is sampling; Nvidia is said to be testing the P1.</p></article></body></html>`;

/** Moves the real pointer onto the first `text` of the page. */
async function pointAtText(page: Page, text: string): Promise<void> {
  const { x, y } = await page.evaluate((text) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = (n as Text).data.indexOf(text);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + text.length);
      const box = r.getBoundingClientRect();
      return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    }
    throw new Error(`no "${text}"`);
  }, text);
  await page.mouse.move(1, 1);
  await expect.poll(() => cardElements(page, '.gloss-card')).toEqual([]);
  await page.mouse.move(x, y - 30);
  await page.mouse.move(x, y, { steps: 4 });
}

const pack = (changes: (p: any) => void = () => undefined): Buffer => {
  const p = JSON.parse(readFileSync(join(PACKS, 'newsroom.json'), 'utf8'));
  changes(p);
  return Buffer.from(JSON.stringify(p));
};

test('a private pack’s mentions are listed and shown on demand, never painted where the page can read them', async ({ gloss }) => {
  const site = await serveDirectory(PACKS, { '/lumen.html': ARTICLE });
  try {
    const options = await gloss.context.newPage();
    await options.goto(`chrome-extension://${gloss.extensionId}/options.html`);
    await options.locator('input[type="file"]').setInputFiles(join(PACKS, 'newsroom.json'));
    await expect(options.locator('.status')).toContainText('Imported pack “newsroom-desk”');
    const row = options.locator('tr[data-pack="newsroom-desk"]');
    await row.getByRole('checkbox', { name: 'Keep pack “newsroom-desk” private' }).check();

    const page = await openArticle(gloss.context, site.url + '/lumen.html');
    // Only Gloss's own pack is painted; the page's highlight registry holds nothing of the newsroom's.
    await expect.poll(async () => (await paintedMentions(page)).map((m) => `${m.kind}:${m.text}`)).toEqual(['company:Nvidia']);
    expect(await page.evaluate(() => [...CSS.highlights.keys()])).toEqual(['gloss-company']);

    // The popup lists them...
    const tabId = await tabIdOf(gloss.worker, site.url + '/lumen.html');
    const popup = await gloss.context.newPage();
    await popup.goto(`chrome-extension://${gloss.extensionId}/popup.html?tab=${tabId}`);
    await expect(popup.locator('.mention-row[data-entity="u.lumen-p1"] .mention-count')).toHaveText('×2');
    // ...and pointing at one opens its card, in the closed shadow root.
    await pointAtText(page, 'Lumen P1');
    await expect.poll(async () => (await cardElements(page, '.gloss-name')).map((e) => e.text)).toEqual(['Lumen P1']);

    // Private again off: the mentions are painted.
    await row.getByRole('checkbox').uncheck();
    await expect.poll(async () => (await paintedMentions(page)).map((m) => `${m.kind}:${m.text}`)).toEqual(['chip:Lumen P1', 'company:Nvidia', 'chip:P1']);
  } finally {
    await site.close();
  }
});

test('a pack file can ask to be private, and then stays private', async ({ gloss }) => {
  const site = await serveDirectory(PACKS, { '/lumen.html': ARTICLE });
  try {
    const options = await gloss.context.newPage();
    await options.goto(`chrome-extension://${gloss.extensionId}/options.html`);
    await options.locator('input[type="file"]').setInputFiles({ name: 'private.json', mimeType: 'application/json', buffer: pack((p) => (p.pack.private = true)) });
    await expect(options.locator('.status')).toContainText('Imported pack “newsroom-desk”');
    const box = options.locator('tr[data-pack="newsroom-desk"]').getByRole('checkbox');
    await expect(box).toBeChecked();
    await expect(box).toBeDisabled();
    const page = await openArticle(gloss.context, site.url + '/lumen.html');
    await expect.poll(async () => (await paintedMentions(page)).map((m) => m.text)).toEqual(['Nvidia']);
  } finally {
    await site.close();
  }
});

test('an updated pack reaches the cards of pages already open', async ({ gloss }) => {
  const site = await serveDirectory(PACKS, { '/lumen.html': ARTICLE });
  try {
    const options = await gloss.context.newPage();
    await options.goto(`chrome-extension://${gloss.extensionId}/options.html`);
    await options.locator('input[type="file"]').setInputFiles(join(PACKS, 'newsroom.json'));
    await expect(options.locator('.status')).toContainText('Imported pack “newsroom-desk”');
    const page = await openArticle(gloss.context, site.url + '/lumen.html');
    await expect.poll(async () => (await paintedMentions(page)).map((m) => m.text)).toContain('Lumen P1');
    await pointAtText(page, 'Lumen P1');
    await expect.poll(async () => (await cardElements(page, '.gloss-summary')).map((e) => e.text)).toEqual(['A photonic interconnect chip the desk is tracking for a story.']);

    const update = pack((p) => {
      p.pack.version = '1.1.0';
      p.entities[0].summary.en = 'Sampling since March; the desk confirmed two customers.';
    });
    await options.locator('input[type="file"]').setInputFiles({ name: 'update.json', mimeType: 'application/json', buffer: update });
    await expect(options.locator('.status')).toContainText('Updated pack “newsroom-desk” version 1.1.0');
    await pointAtText(page, 'Lumen P1');
    await expect.poll(async () => (await cardElements(page, '.gloss-summary')).map((e) => e.text)).toEqual(['Sampling since March; the desk confirmed two customers.']);
  } finally {
    await site.close();
  }
});
