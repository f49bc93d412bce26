// Choosing the text to show from a text-per-language map: the reader's language when
// the pack has it, else English.

/** Pack language tags to try for a browser language, best first. */
export function languageChain(browserLang: string): string[] {
  const lang = browserLang.trim();
  const base = lang.split('-')[0]!.toLowerCase();
  const chain: string[] = [];
  if (base === 'zh') {
    const traditional = /-(Hant|TW|HK|MO)\b/i.test(lang);
    chain.push(traditional ? 'zh-Hant' : 'zh-Hans', traditional ? 'zh-Hans' : 'zh-Hant');
  } else {
    chain.push(lang, base);
  }
  chain.push('en');
  return [...new Set(chain)];
}

/** The text in the best available language, and which language that is. */
export function pickText(texts: Record<string, string> | undefined, browserLang: string): { text: string; lang: string } {
  if (!texts) return { text: '', lang: 'en' };
  for (const lang of languageChain(browserLang)) {
    const text = texts[lang];
    if (text) return { text, lang };
  }
  const [lang, text] = Object.entries(texts)[0] ?? ['en', ''];
  return { text, lang };
}
