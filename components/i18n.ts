// UI text goes through the browser's i18n (public/_locales), chosen by the browser's
// language, with English as the default locale.
import { browser } from 'wxt/browser';

export type MessageKey = Parameters<typeof browser.i18n.getMessage>[0];

export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/**
 * The language the UI text is in: each translation names itself. (Chromium's "@@ui_locale"
 * can name another locale than the one whose messages it serves, e.g. under --lang.)
 */
export function uiLang(): string {
  return browser.i18n.getMessage('uiLanguage') || 'en';
}

/**
 * The language to show pack text in (names, summaries, facts, events): the reader's own,
 * which a pack may have even where Gloss's UI has no translation.
 */
export function textLang(): string {
  return navigator.language || uiLang();
}

/** Marks an extension page as being in the UI language, with a title in it. */
export function localizePage(title: MessageKey): void {
  document.documentElement.lang = uiLang();
  document.title = t(title);
}
