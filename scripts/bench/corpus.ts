// Benchmark inputs, generated deterministically: 2,000 extra terms, and a 1 MB page of
// about 25,000 text nodes built from the visible text of the saved test pages.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { visibleTextRuns } from '../../scan/html';

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ka', 'lo', 'ven', 'tra', 'qui', 'zor', 'nex', 'mi', 'ra', 'dal', 'sor', 'vi', 'ten', 'ax', 'ul', 'ber', 'cor', 'gal', 'phi', 'rus'];
const SUFFIXES = ['', ' Labs', ' Systems', ' AI', ' Semiconductor', ' 7', ' X2', ' Pro', ' Cloud', ' Foundry'];
const GREEK = ['Καλ', 'Βεν', 'Τρα', 'Ζορ', 'Μιρ', 'Δαλ', 'Σορ', 'Τεν'];
const HAN = ['星', '云', '芯', '智', '海', '光', '算', '科', '华', '天'];

/** 2,000 made-up names in the shapes news names take (brand, model, Greek, Chinese). */
export function extraTerms(count = 2000): string[] {
  const random = rng(2000);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(random() * a.length)]!;
  const out = new Set<string>();
  while (out.size < count) {
    const r = random();
    let term: string;
    if (r < 0.1) term = pick(GREEK) + pick(['ίκον', 'άρα', 'έξ', 'όρ']) + pick(['', ' Τεχνολογίες']);
    else if (r < 0.2) term = pick(HAN) + pick(HAN) + pick(HAN) + pick(['', '科技', '芯片']);
    else {
      const name = pick(SYLLABLES) + pick(SYLLABLES) + (random() < 0.5 ? pick(SYLLABLES) : '');
      term = name[0]!.toUpperCase() + name.slice(1) + pick(SUFFIXES);
    }
    out.add(term);
  }
  return [...out];
}

export interface SentencePool {
  /** From pages about AI chips and export controls. */
  onTopic: string[];
  /** From pages about other things (sport, food, travel, markets). */
  offTopic: string[];
}

/** Sentences from the saved pages (our own paraphrases of real articles, all languages). */
export function sentencePool(pagesDir: string): SentencePool {
  const pool: SentencePool = { onTopic: [], offTopic: [] };
  for (const file of readdirSync(pagesDir).filter((f) => f.endsWith('.html')).sort()) {
    const expected = JSON.parse(readFileSync(join(pagesDir, file.replace(/\.html$/, '.expected.json')), 'utf8')) as { topic: boolean };
    for (const run of visibleTextRuns(readFileSync(join(pagesDir, file), 'utf8'))) {
      const text = run.replace(/\s+/g, ' ').trim();
      if (text.length >= 30) (expected.topic ? pool.onTopic : pool.offTopic).push(text);
    }
  }
  return pool;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Prose about nothing in particular: sentences of words drawn from the saved pages'
 * vocabulary (per script), keeping only words in which the matcher finds nothing, so
 * that the text reads like other news in the same languages without naming anything.
 */
export function fillerSentences(pool: SentencePool, isQuiet: (word: string) => boolean, count = 4000): string[] {
  const random = rng(7);
  const spaced = new Set<string>();
  const unspaced = new Set<string>();
  for (const text of [...pool.onTopic, ...pool.offTopic]) {
    for (const word of text.match(/[\p{L}\p{N}]+/gu) ?? []) {
      if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(word)) {
        for (let i = 0; i + 2 <= word.length; i += 2) if (isQuiet(word.slice(i, i + 2))) unspaced.add(word.slice(i, i + 2));
      } else if (isQuiet(word)) spaced.add(word);
    }
  }
  const words = [...spaced];
  const chunks = [...unspaced];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    if (random() < 0.15 && chunks.length > 0) {
      let s = '';
      for (let n = 10 + Math.floor(random() * 30); n > 0; n--) s += chunks[Math.floor(random() * chunks.length)];
      out.push(s + '。');
    } else {
      const parts: string[] = [];
      for (let n = 8 + Math.floor(random() * 20); n > 0; n--) parts.push(words[Math.floor(random() * words.length)]!);
      const sentence = parts.join(' ');
      out.push(sentence[0]!.toUpperCase() + sentence.slice(1) + '.');
    }
  }
  return out;
}

/**
 * A long page: paragraphs of five text nodes each (text, link, text, bold, text).
 * `onTopicShare` of the paragraphs come from articles about the topic, the rest from
 * `other` sentences; `termShare` of the pieces get one of the extra terms.
 */
export function bigPage(
  pool: SentencePool,
  terms: readonly string[],
  options: { onTopicShare: number; termShare: number; other?: readonly string[]; targetChars?: number },
): string {
  const targetChars = options.targetChars ?? 1_000_000;
  const random = rng(1);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(random() * a.length)]!;
  let sentences: readonly string[] = pool.onTopic;
  const piece = (min: number, max: number): string => {
    const s = pick(sentences);
    const len = min + Math.floor(random() * (max - min));
    const start = Math.floor(random() * Math.max(1, s.length - len));
    let text = s.slice(start, start + len);
    if (random() < options.termShare) text += ` ${pick(terms)} `;
    return escapeHtml(text);
  };
  const parts: string[] = ['<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Long page</title></head><body><main>'];
  let chars = 0;
  let paragraphs = 0;
  while (chars < targetChars) {
    sentences = random() < options.onTopicShare ? pool.onTopic : (options.other ?? pool.offTopic);
    const p = `<p>${piece(40, 70)}<a href="#p${paragraphs}">${piece(8, 30)}</a>${piece(30, 60)}<b>${piece(5, 20)}</b>${piece(20, 50)}</p>`;
    parts.push(p);
    chars += p.replace(/<[^>]+>/g, '').length;
    paragraphs++;
    if (paragraphs % 20 === 0) parts.push(`<h2>${piece(20, 40)}</h2>`);
  }
  parts.push('</main></body></html>');
  return parts.join('');
}
