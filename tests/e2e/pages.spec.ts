// The extension's pages as a reader meets them: import errors in words (which entity or
// alias, what to fix, a link to the format page shipped inside Gloss), the shortcut
// list in the options page, and axe on every page in light and dark.
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { seriousViolations } from '../support/axe';
import { openArticle, tabIdOf } from '../support/browser';
import { expect, GREEK_ARTICLE, SCREENSHOTS, test } from './fixtures';

const PACKS = resolve('tests/fixtures/packs');
const chrome = (globalThis as any).chrome;

function pack(change: (p: any) => void): { name: string; mimeType: string; buffer: Buffer } {
  const p = JSON.parse(readFileSync(join(PACKS, 'newsroom.json'), 'utf8'));
  change(p);
  return { name: 'desk.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(p)) };
}

async function importAndReadIssues(options: Page, file: ReturnType<typeof pack>): Promise<string[]> {
  await options.locator('input[type="file"]').setInputFiles(file);
  await expect(options.locator('.status')).toContainText('was not imported; nothing changed');
  return options.locator('.status .issues li').allInnerTexts();
}

test('a refused pack says in words which entity, alias or field is wrong and how to fix it, and links to the format page', async ({ gloss }) => {
  const options = await gloss.context.newPage();
  await options.goto(`chrome-extension://${gloss.extensionId}/options.html`);
  await expect(options.locator('tr[data-pack="gloss-core"]')).toBeVisible();

  const shape = await importAndReadIssues(
    options,
    pack((p) => {
      p.entities[0].nickname = 'P-one';
      delete p.entities[0].kind;
      p.entities[0].aliases[1].caseSensitive = 'yes';
      p.entities[0].summary.en = 'x'.repeat(5000);
    }),
  );
  const all = shape.join('\n');
  expect(all).toContain('Entity “lumen-p1” (entity 1): “nickname” is not a field the pack format has here. Remove it, or check its spelling.');
  expect(all).toContain('Entity “lumen-p1” (entity 1): The required field “kind” is missing. Add it.');
  expect(all).toContain('Entity “lumen-p1” (entity 1), alias 2 (“P1”), field “caseSensitive”: This must be true or false, but the file has "yes".');
  expect(all).toContain('Entity “lumen-p1” (entity 1), field “summary” (language “en”): This is too long: at most 1200');
  expect(all).not.toMatch(/Invalid (key|type|length)|Expected never/);
  await options.screenshot({ path: join(SCREENSHOTS, 'options-import-errors.png'), fullPage: true });

  const refs = await importAndReadIssues(
    options,
    pack((p) => {
      p.entities[0].related[0].entity = 'nvidai';
      p.entities.push({ ...p.entities[0], id: 'lumen-p2', related: [], aliases: [{ text: 'Lumen P1', lang: 'en' }] });
    }),
  );
  expect(refs.join('\n')).toContain('Entity “lumen-p1” (entity 1), related entity 1 (“nvidai”): No entity has the id “nvidai”');
  expect(refs.join('\n')).toMatch(/Entity “lumen-p\d” \(entity \d\), alias 1 \(“Lumen P1”\), field “text”: The name “lumen p1” already stands for entity “[^”]+”/i);

  // The link goes to the part of the format page about that field, inside the extension.
  await options.locator('.status .issues li', { hasText: 'nvidai' }).getByRole('link', { name: 'how this field works' }).click();
  await expect(options).toHaveURL(/\/format\.html#entities$/);
  await expect(options.getByRole('heading', { name: 'Entities', level: 2 })).toBeInViewport();
});

test('the options page lists the keyboard shortcuts as the browser has them, and opens the browser’s shortcut settings', async ({ gloss }) => {
  const options = await gloss.context.newPage();
  await options.goto(`chrome-extension://${gloss.extensionId}/options.html`);
  const row = options.locator('.shortcut-table tr[data-command="add-note"]');
  await expect(row).toContainText('Add a note to the selected text');
  const shortcut = await options.evaluate(async () => (await chrome.commands.getAll()).find((c: { name: string }) => c.name === 'add-note')?.shortcut);
  await expect(row.locator('td').nth(1)).toHaveText(shortcut || 'not set');
  const opened = gloss.context.waitForEvent('page');
  await options.getByRole('button', { name: 'Open shortcut settings' }).click();
  expect((await opened).url()).toBe('chrome://extensions/shortcuts');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the popup, options, notes, welcome and format pages pass axe in ${scheme}`, async ({ gloss, site }) => {
    const article = await openArticle(gloss.context, site.url + GREEK_ARTICLE);
    const tabId = await tabIdOf(gloss.worker, article.url());
    const base = `chrome-extension://${gloss.extensionId}`;
    const pages: [string, string, string][] = [
      ['popup', `/popup.html?tab=${tabId}`, '.mention-row'],
      ['options', '/options.html', '#sync-title'],
      ['notes', '/notes.html', 'main'],
      ['welcome', '/welcome.html', '.kind-legend'],
      ['format', '/format.html', '#limits'],
    ];
    for (const [name, path, ready] of pages) {
      const page = await gloss.context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      if (name === 'popup') await page.setViewportSize({ width: 380, height: 600 });
      await page.goto(base + path);
      await expect(page.locator(ready).first()).toBeVisible();
      if (name === 'popup') await page.locator('.highlight-choices summary').click();
      expect(await seriousViolations(page), `${name} in ${scheme}`).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, `page-${name}-${scheme}.png`), fullPage: name !== 'popup' });
      await page.emulateMedia({ colorScheme: scheme, forcedColors: 'active' });
      await page.screenshot({ path: join(SCREENSHOTS, `page-${name}-${scheme}-forced.png`), fullPage: name !== 'popup' });
      await page.close();
    }
  });
}
