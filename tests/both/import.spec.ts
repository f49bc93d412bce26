import { join, resolve } from 'node:path';
import { paintedMentions } from '../support/driver';
import { expect, test } from './fixtures';

const PACKS = resolve('tests/fixtures/packs');
const LUMEN = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Photonics</title></head><body>
  <article><h1>Interconnects</h1><p>The Lumen P1 photonic interconnect is sampling; Nvidia is said to be testing the P1.</p></article></body></html>`;

test('a newsroom imports its own pack in the options page, sees it on pages, and removes it', async ({ gloss, site, screenshots }) => {
  site.routes['/lumen.html'] = LUMEN;
  const options = await gloss.openOptions();
  await options.waitFor('tr[data-pack="gloss-core"]');

  // A malformed pack is refused whole, with the field and the reason, and nothing changes.
  await options.setInputFiles('input[type="file"]', join(PACKS, 'newsroom-broken.json'));
  expect(await options.waitFor('.status', { hasText: 'was not imported; nothing changed' })).toBeTruthy();
  const issues = (await options.texts('.status .issues')).join('\n');
  expect(issues).toContain('events[0].date');
  expect(issues).toContain('is not a real calendar date');
  expect(issues).toContain('must be an https:// URL');
  // In words: which entity and alias, and what to do; never the validator's own phrasing.
  expect(issues).toContain('Event “2026-03-02-lumen-p1-samples” (event 1), field “date”: is not a real calendar date');
  expect(issues).not.toMatch(/Invalid (key|type)|Expected never/);
  expect(await options.texts('.status a[href="/format.html"]')).toEqual(['The pack format, explained']);
  expect(await options.texts('tr[data-pack]')).toHaveLength(1);
  await options.screenshot(join(screenshots, 'options-import-refused.png'));

  await options.setInputFiles('input[type="file"]', join(PACKS, 'newsroom.json'));
  await options.waitFor('.status', { hasText: 'Imported pack “newsroom-desk” version 1.0.0' });
  await options.waitFor('tr[data-pack="newsroom-desk"]');
  await options.screenshot(join(screenshots, 'options-imported.png'));

  const page = await gloss.openArticle(site.url + '/lumen.html');
  await expect.poll(async () => (await paintedMentions(page)).map((m) => `${m.kind}:${m.text}`)).toEqual(['chip:Lumen P1', 'company:Nvidia', 'chip:P1']);

  // Removing it takes its terms off open pages too.
  // Removal asks first; keeping it changes nothing.
  await options.click('tr[data-pack="newsroom-desk"] button.remove');
  await options.click('tr[data-pack="newsroom-desk"] .confirm button', { hasText: 'Keep it' });
  await options.waitFor('tr[data-pack="newsroom-desk"] button.remove');
  expect((await paintedMentions(page)).map((m) => m.text)).toContain('Lumen P1');
  await options.click('tr[data-pack="newsroom-desk"] button.remove');
  expect(await options.waitFor('tr[data-pack="newsroom-desk"] .confirm')).toContain('Remove “');
  await options.click('tr[data-pack="newsroom-desk"] .confirm button', { hasText: 'Remove the pack' });
  await options.waitFor('.status', { hasText: 'Removed pack “newsroom-desk”' });
  await page.bringToFront();
  await expect.poll(async () => (await paintedMentions(page)).map((m) => m.text)).toEqual(['Nvidia']);
});
