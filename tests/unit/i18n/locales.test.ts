// Guards the UI translations (public/_locales) as features add strings: every locale has
// exactly English's keys and placeholders and no empty message, and every key the code
// asks for exists in English (the default locale).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Entry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

const LOCALES_DIR = resolve('public/_locales');
const locales = readdirSync(LOCALES_DIR).filter((d) => statSync(join(LOCALES_DIR, d)).isDirectory());

function read(locale: string): Record<string, Entry> {
  return JSON.parse(readFileSync(join(LOCALES_DIR, locale, 'messages.json'), 'utf8')) as Record<string, Entry>;
}

const en = read('en');

/** The $NAME$ placeholders a message uses, lower-cased (the browser matches them so). */
function used(message: string): string[] {
  return [...new Set([...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1]!.toLowerCase()))].sort();
}

/** Placeholder names and what each stands for ("$1"), the examples left aside. */
function declared(entry: Entry): Record<string, string> {
  return Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]));
}

describe('UI locales', () => {
  it('include English, Greek and Simplified Chinese, under names Chrome and Firefox accept', () => {
    expect(locales).toEqual(expect.arrayContaining(['en', 'el', 'zh_CN']));
    for (const locale of locales) expect(locale).toMatch(/^[a-z]{2,3}(_[A-Z]{2}|_[0-9]{3})?$/);
  });

  it('are valid JSON objects of messages', () => {
    for (const locale of locales) {
      const messages = read(locale);
      for (const [key, entry] of Object.entries(messages)) {
        expect(key, `${locale}: key`).toMatch(/^[A-Za-z0-9_]+$/);
        expect(typeof entry.message, `${locale}/${key}`).toBe('string');
      }
    }
  });

  it('in English use every placeholder they declare and declare every one they use', () => {
    for (const [key, entry] of Object.entries(en)) {
      expect(used(entry.message), key).toEqual(Object.keys(declared(entry)).sort());
    }
  });

  for (const locale of locales.filter((l) => l !== 'en')) {
    describe(locale, () => {
      const messages = read(locale);

      it('has exactly the English keys', () => {
        expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
      });

      it('names its own language in uiLanguage (for <html lang>)', () => {
        expect(messages.uiLanguage?.message).toBe(locale.replace('_', '-'));
      });

      it('has no empty message', () => {
        const empty = Object.entries(messages).filter(([, e]) => e.message.trim() === '');
        expect(empty.map(([k]) => k)).toEqual([]);
      });

      it('keeps every placeholder of the English message, declared the same way', () => {
        for (const [key, entry] of Object.entries(messages)) {
          const source = en[key];
          if (!source) continue;
          expect(used(entry.message), `${locale}/${key}: placeholders in the message`).toEqual(used(source.message));
          expect(declared(entry), `${locale}/${key}: placeholders block`).toEqual(declared(source));
          // Positional $1 outside a placeholder block must match too.
          expect(entry.message.match(/\$\d/g) ?? [], `${locale}/${key}: $1…`).toEqual(source.message.match(/\$\d/g) ?? []);
        }
      });

      it('keeps the descriptions in English, for translators', () => {
        for (const [key, entry] of Object.entries(messages)) {
          expect(entry.description, `${locale}/${key}`).toBe(en[key]?.description);
        }
      });
    });
  }
});

/** Every .ts/.tsx file under a folder. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(d.name) ? [path] : [];
  });
}

describe('message keys used in the code', () => {
  const files = [...sources(resolve('entrypoints')), ...sources(resolve('components'))];
  const keys = new Map<string, string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    // t('key'), t("key", …), getMessage('key'), localizePage('key'), and __MSG_key__ in manifests.
    for (const m of text.matchAll(/\b(?:t|getMessage|localizePage)\(\s*['"]([A-Za-z0-9_@]+)['"]/g)) keys.set(m[1]!, file);
    for (const m of text.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) keys.set(m[1]!, file);
  }
  for (const m of readFileSync(resolve('wxt.config.ts'), 'utf8').matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) keys.set(m[1]!, 'wxt.config.ts');
  for (const page of ['popup', 'options', 'notes']) {
    for (const m of readFileSync(resolve(`entrypoints/${page}/index.html`), 'utf8').matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) keys.set(m[1]!, `${page}/index.html`);
  }

  it('are found (the scan itself works)', () => {
    expect(keys.size).toBeGreaterThan(100);
  });

  it('all exist in the English messages', () => {
    const missing = [...keys].filter(([key]) => !key.startsWith('@@') && !(key in en)).map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });
});
