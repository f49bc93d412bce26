import { join, resolve } from 'node:path';
import { openArticle, paintedMentions } from '../support/browser';
import { serveDirectory } from '../support/server';
import { expect, SCREENSHOTS, test } from './fixtures';

const PACKS = resolve('tests/fixtures/packs');

test('a newsroom imports its own pack in the options page, sees it on pages, and removes it', async ({ gloss }) => {
  const article = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Photonics</title></head><body>
    <article><h1>Interconnects</h1><p>The Lumen P1 photonic interconnect is sampling; Nvidia is said to be testing the P1.</p></article></body></html>`;
  const site = await serveDirectory(PACKS, { '/lumen.html': article });
  try {
    const options = await gloss.context.newPage();
    await options.goto(`chrome-extension://${gloss.extensionId}/options.html`);
    await expect(options.locator('tr[data-pack="gloss-core"]')).toBeVisible();

    // A malformed pack is refused whole, with the field and the reason, and nothing changes.
    await options.locator('input[type="file"]').setInputFiles(join(PACKS, 'newsroom-broken.json'));
    const status = options.locator('.status');
    await expect(status).toContainText('was not imported; nothing changed');
    await expect(status.locator('.issues')).toContainText('events[0].date');
    await expect(status.locator('.issues')).toContainText('is not a real calendar date');
    await expect(status.locator('.issues')).toContainText('must be an https:// URL');
    await expect(options.locator('tr[data-pack]')).toHaveCount(1);
    await options.screenshot({ path: join(SCREENSHOTS, 'options-import-refused.png') });

    await options.locator('input[type="file"]').setInputFiles(join(PACKS, 'newsroom.json'));
    await expect(status).toContainText('Imported pack “newsroom-desk” version 1.0.0');
    await expect(options.locator('tr[data-pack="newsroom-desk"]')).toBeVisible();
    await options.screenshot({ path: join(SCREENSHOTS, 'options-imported.png') });

    const page = await openArticle(gloss.context, site.url + '/lumen.html');
    await expect.poll(async () => (await paintedMentions(page)).map((m) => `${m.kind}:${m.text}`)).toEqual(['chip:Lumen P1', 'company:Nvidia', 'chip:P1']);

    // Removing it takes its terms off open pages too.
    await options.locator('tr[data-pack="newsroom-desk"] button', { hasText: 'Remove' }).click();
    await expect(status).toContainText('Removed pack “newsroom-desk”');
    await expect.poll(async () => (await paintedMentions(page)).map((m) => m.text)).toEqual(['Nvidia']);
  } finally {
    await site.close();
  }
});
