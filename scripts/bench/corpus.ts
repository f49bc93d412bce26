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

/** Sentences from the saved pages (our own paraphrases of real articles, all languages). */
export function sentencePool(pagesDir: string): string[] {
  const pool: string[] = [];
  for (const file of readdirSync(pagesDir).filter((f) => f.endsWith('.html')).sort()) {
    for (const run of visibleTextRuns(readFileSync(join(pagesDir, file), 'utf8'))) {
      const text = run.replace(/\s+/g, ' ').trim();
      if (text.length >= 30) pool.push(text);
    }
  }
  return pool;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A long page: paragraphs of five text nodes each (text, link, text, bold, text). */
export function bigPage(pool: readonly string[], terms: readonly string[], targetChars = 1_000_000): string {
  const random = rng(1);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(random() * a.length)]!;
  const piece = (min: number, max: number): string => {
    const s = pick(pool);
    const len = min + Math.floor(random() * (max - min));
    const start = Math.floor(random() * Math.max(1, s.length - len));
    let text = s.slice(start, start + len);
    if (random() < 0.08) text += ` ${pick(terms)} `;
    return escapeHtml(text);
  };
  const parts: string[] = ['<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Long page</title></head><body><main>'];
  let chars = 0;
  let paragraphs = 0;
  while (chars < targetChars) {
    const p = `<p>${piece(40, 70)}<a href="#p${paragraphs}">${piece(8, 30)}</a>${piece(30, 60)}<b>${piece(5, 20)}</b>${piece(20, 50)}</p>`;
    parts.push(p);
    chars += p.replace(/<[^>]+>/g, '').length;
    paragraphs++;
    if (paragraphs % 20 === 0) parts.push(`<h2>${piece(20, 40)}</h2>`);
  }
  parts.push('</main></body></html>');
  return parts.join('');
}
