// UI text goes through the browser's i18n (public/_locales), chosen by the browser's
// language, with English as the default locale.
import { browser } from 'wxt/browser';

type MessageKey = Parameters<typeof browser.i18n.getMessage>[0];

export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/**
 * The language the UI text is in: the locale the browser picked from _locales, which
 * names itself (uiLanguage), not the browser's language (@@ui_locale), which may have
 * no messages of its own and fall back to English.
 */
export function uiLang(): string {
  return browser.i18n.getMessage('uiLanguage') || 'en';
}
