// Gloss in a Greek and in a Chinese browser: Chromium started with --lang picks Gloss's
// _locales, the popup and the options page speak that language (the expected words are
// read from the locale files), and pack texts appear in it where the pack has them, the
// fallback marked with its own lang.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { launchWithGloss, openArticle, tabIdOf } from '../support/browser';
import { seriousViolations } from '../support/axe';
import { storedNotes } from './notes-support';
import { expect, GREEK_ARTICLE, SCREENSHOTS, test } from './fixtures';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
type Texts = Record<string, string>;
interface PackEntity {
  id: string;
  kind: string;
  names: Texts;
  summary: Texts;
}

function messages(locale: string): Messages {
  return JSON.parse(readFileSync(resolve(`public/_locales/${locale}/messages.json`), 'utf8')) as Messages;
}

/** A message with its $1… filled in, as the browser does it. */
function message(all: Messages, key: string, ...args: string[]): string {
  const entry = all[key];
  if (!entry) throw new Error(`no message ${key}`);
  return entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (_, name: string) => {
    const content = Object.entries(entry.placeholders ?? {}).find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1].content ?? '';
    return content.replace(/\$(\d)/g, (_m, i: string) => args[Number(i) - 1] ?? '');
  });
}

/** The bundled pack's entities, read from its source files. */
const entities = new Map<string, PackEntity>(
  readdirSync(resolve('knowledge/core/entities')).flatMap((file) => {
    const data = JSON.parse(readFileSync(resolve('knowledge/core/entities', file), 'utf8')) as PackEntity[];
    return data.map((e) => [e.id, e] as const);
  }),
);

const LANGUAGES = [
  { ui: 'el', dir: 'el', pack: 'el', note: 'Ρωτήστε το γραφείο τύπου.', tags: 'εξαγωγές, τσιπ' },
  // Typed with a Chinese keyboard: full-width and enumeration commas.
  { ui: 'zh-CN', dir: 'zh_CN', pack: 'zh-Hans', note: '问问新闻办公室。', tags: '出口，芯片、美国' },
] as const;

/** What a row or heading says, for comparing with a message. */
const textOf = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').trim();

for (const { ui, dir, pack, note, tags } of LANGUAGES) {
  test(`in a ${ui} browser the popup and options page are in ${ui}, pack text too where the pack has it`, async ({ site }) => {
    const m = messages(dir);
    const en = messages('en');
    const gloss = await launchWithGloss({ uiLanguage: ui });
    try {
      const article = await openArticle(gloss.context, site.url + GREEK_ARTICLE);
      const tabId = await tabIdOf(gloss.worker, site.url + GREEK_ARTICLE);
      const popup = await gloss.context.newPage();
      await popup.setViewportSize({ width: 380, height: 580 });
      await popup.goto(`chrome-extension://${gloss.extensionId}/popup.html?tab=${tabId}`);
      await popup.locator('.mention-row').first().waitFor();

      // The page says which language it is in, and its words are the locale's.
      expect(await popup.evaluate(() => document.documentElement.lang)).toBe(message(m, 'uiLanguage'));
      expect(message(m, 'uiLanguage')).toBe(ui);
      expect(await popup.title()).toBe(message(m, 'actionTitle'));
      expect(await textOf(popup, 'footer .link')).toBe(message(m, 'popupSettings'));
      expect(message(m, 'popupSettings')).not.toBe(message(en, 'popupSettings'));
      expect(await textOf(popup, 'section.kind-chip h2')).toContain(message(m, 'kindsChip'));
      expect(await popup.locator('.lookup input').getAttribute('placeholder')).toBe(message(m, 'popupLookupPlaceholder'));
      await expect(popup.getByRole('region', { name: message(m, 'popupOnThisPage') })).toBeVisible();
      // The article's title is the page's text, in the page's language.
      await expect(popup.locator('h1.page-title')).toHaveAttribute('lang', await article.evaluate(() => document.documentElement.lang));

      // Every listed name is the pack's name in this language where it has one, else English,
      // and says which it is.
      const rows = await popup.locator('.mention-row').evaluateAll((els) =>
        els.map((el) => {
          const name = el.querySelector('.mention-name')!;
          return { id: el.getAttribute('data-entity')!, text: name.textContent!.trim(), lang: name.getAttribute('lang') };
        }),
      );
      expect(rows.length).toBeGreaterThan(5);
      for (const row of rows) {
        const names = entities.get(row.id)!.names;
        expect(row, row.id).toEqual({ id: row.id, text: names[pack] ?? names.en, lang: names[pack] ? pack : 'en' });
      }
      expect(rows.some((r) => r.lang === pack)).toBe(true);
      await popup.screenshot({ path: join(SCREENSHOTS, `popup-${dir}.png`) });
      expect(await seriousViolations(popup)).toEqual([]);

      // A note from the popup, its tags separated as this language's keyboard does it.
      await popup.getByRole('button', { name: message(m, 'popupAddNote') }).click();
      await popup.getByLabel(message(m, 'composerNote'), { exact: true }).fill(note);
      await popup.getByLabel(message(m, 'composerTags'), { exact: true }).fill(tags);
      await popup.getByRole('button', { name: message(m, 'composerSave') }).click();
      await expect.poll(async () => (await storedNotes(gloss.worker)).map((n) => [n.body, n.tags])).toEqual([[note, tags.split(/[,，、]/).map((x) => x.trim())]]);

      // An entity whose summary the pack has in this language, and one it has only in English.
      const local = rows.find((r) => entities.get(r.id)!.summary[pack])!;
      const fallback = rows.find((r) => !entities.get(r.id)!.summary[pack])!;
      expect(local && fallback, 'the Greek article mentions both kinds of entity').toBeTruthy();

      await popup.click(`.mention-row[data-entity="${local.id}"]`);
      const detail = `article.entity-detail[data-entity="${local.id}"]`;
      await popup.locator(detail).waitFor();
      await expect(popup.locator(`${detail} .entity-summary`)).toHaveAttribute('lang', pack);
      expect(await textOf(popup, `${detail} .entity-summary`)).toBe(entities.get(local.id)!.summary[pack]);
      await expect(popup.locator(`${detail} .entity-summary .gloss-lang-mark`)).toHaveCount(0);
      await expect(popup.locator(`${detail} .gloss-kind`)).toHaveText(message(m, kindKey(entities.get(local.id)!.kind)));
      await expect(popup.getByRole('region', { name: message(m, 'entitySources') })).toBeVisible();
      await popup.screenshot({ path: join(SCREENSHOTS, `popup-entity-${dir}.png`), fullPage: true });
      await popup.click('.back');

      await popup.click(`.mention-row[data-entity="${fallback.id}"]`);
      const other = `article.entity-detail[data-entity="${fallback.id}"]`;
      await popup.locator(other).waitFor();
      const summary = popup.locator(`${other} .entity-summary`);
      await expect(summary).toHaveAttribute('lang', 'en');
      await expect(summary).toContainText(entities.get(fallback.id)!.summary.en!);
      // The fallback is named, in the UI language, as the UI's own text.
      const mark = summary.locator('.gloss-lang-mark');
      await expect(mark).toHaveAttribute('lang', ui);
      const english = new Intl.DisplayNames([ui], { type: 'language' }).of('en')!;
      await expect(mark).toHaveText(message(m, 'textLanguage', english));
      await popup.screenshot({ path: join(SCREENSHOTS, `popup-fallback-${dir}.png`), fullPage: true });
      expect(await seriousViolations(popup)).toEqual([]);

      // The options page.
      const options = await gloss.context.newPage();
      await options.goto(`chrome-extension://${gloss.extensionId}/options.html`);
      await expect(options.locator('#packs-title')).toHaveText(message(m, 'packsTitle'));
      expect(await options.evaluate(() => document.documentElement.lang)).toBe(ui);
      expect(await options.title()).toBe(message(m, 'optionsPageTitle'));
      await expect(options.locator('table.packs th').first()).toHaveText(message(m, 'packsColPack'));
      await expect(options.locator('table.packs tbody tr .hint').first()).toContainText(message(m, 'packBundled'));
      await expect(options.locator('#muted-title')).toHaveText(message(m, 'mutedTitle'));
      await expect(options.getByText(message(m, 'syncTitle'))).toBeVisible();
      await options.screenshot({ path: join(SCREENSHOTS, `options-${dir}.png`), fullPage: true });
      expect(await seriousViolations(options)).toEqual([]);

      // The notes view.
      const notes = await gloss.context.newPage();
      await notes.goto(`chrome-extension://${gloss.extensionId}/notes.html`);
      await expect(notes.locator('.note-item')).toHaveCount(1);
      await expect(notes.locator('.note-item .note-article a')).toHaveAttribute('lang', await article.evaluate(() => document.documentElement.lang));
      expect(await notes.evaluate(() => document.documentElement.lang)).toBe(ui);
      expect(await notes.title()).toBe(message(m, 'notesViewTitle'));
      await expect(notes.getByText(message(m, 'notesCount', '1'))).toBeVisible();
      await notes.screenshot({ path: join(SCREENSHOTS, `notes-view-${dir}.png`), fullPage: true });
      expect(await seriousViolations(notes)).toEqual([]);
      await article.close();
    } finally {
      await gloss.close();
    }
  });
}

/** The message naming a kind on its badge: kindChip, kindCompany… */
function kindKey(kind: string): string {
  return `kind${kind.charAt(0).toUpperCase()}${kind.slice(1)}`;
}
