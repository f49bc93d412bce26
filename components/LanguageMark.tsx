// Shows, after a pack text that is not in the reader's language, a small note naming the
// language it is in ("(English)"), in the UI language. The text itself carries its own
// lang attribute so screen readers switch voice; this note carries the UI's.
import { languageChain } from '../knowledge/localize';
import { t, textLang, uiLang } from './i18n';

export interface LanguageMarkProps {
  /** The language the text is in. */
  lang: string | undefined;
}

/** Whether a text in `lang` is a fallback for a reader who reads `want`. */
export function isFallback(lang: string, want = textLang()): boolean {
  const chain = languageChain(want);
  const wanted = want.toLowerCase().startsWith('en') ? chain : chain.slice(0, -1);
  return !wanted.some((l) => l.toLowerCase() === lang.toLowerCase());
}

/** A language's name in the UI language ("Αγγλικά" for "en" in a Greek UI). */
export function languageName(lang: string): string {
  try {
    return new Intl.DisplayNames([uiLang()], { type: 'language' }).of(lang) ?? lang;
  } catch {
    return lang;
  }
}

export function LanguageMark({ lang }: LanguageMarkProps) {
  if (!lang || !isFallback(lang)) return null;
  return (
    <>
      {' '}
      <small class="gloss-lang-mark" lang={uiLang()} title={t('textLanguageHint')}>
        {t('textLanguage', languageName(lang))}
      </small>
    </>
  );
}
