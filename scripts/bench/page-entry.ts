// Runs inside the benchmark page: the floor, Gloss (the content script's own scanner
// and matcher modules) and nothing else. mark.js is loaded beside it as a page script.

import { decodeDictionary } from '../../engine/compiled';
import { PageScanner } from '../../entrypoints/content/scanner';

declare const Mark: new (root: Element) => {
  markRegExp(re: RegExp, options?: object): void;
  mark(terms: string[], options?: object): void;
};

function floor(): { ms: number; nodes: number; chars: number } {
  const t0 = performance.now();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let nodes = 0;
  let chars = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes++;
    chars += (n as Text).data.length;
  }
  return { ms: performance.now() - t0, nodes, chars };
}

async function gloss(encoded: string): Promise<{ ms: number; decodeMs: number; setupMs: number; scanMs: number; mentions: number; longestSliceMs: number }> {
  const t0 = performance.now();
  const dict = decodeDictionary(encoded);
  const t1 = performance.now();
  const scanner = new PageScanner(dict, new Set());
  const t1b = performance.now();
  await scanner.scan(document.body);
  const t1c = performance.now();
  scanner.show();
  const t2 = performance.now();
  const mentions = scanner.summary().reduce((n, s) => n + s.count, 0);
  (window as unknown as { __scanner: PageScanner }).__scanner = scanner;
  return { ms: t2 - t0, decodeMs: t1 - t0, setupMs: t1b - t1, scanMs: t1c - t1b, mentions, longestSliceMs: scanner.stats.longestSliceMs };
}

/** Changes one paragraph and times the rescan that the mutation observer would run. */
async function rescanOne(): Promise<{ ms: number; chars: number }> {
  const scanner = (window as unknown as { __scanner: PageScanner }).__scanner;
  const p = document.querySelectorAll('p')[Math.floor(document.querySelectorAll('p').length / 2)]!;
  const text = p.firstChild as Text;
  const before = scanner.stats.chars;
  const t0 = performance.now();
  text.data = text.data + ' Nvidia H20 chips and the Entity List.';
  await scanner.rescan([text]);
  return { ms: performance.now() - t0, chars: scanner.stats.chars - before };
}

function markRegex(source: string): { ms: number; marks: number } {
  const re = new RegExp(source, 'gi');
  const t0 = performance.now();
  new Mark(document.body).markRegExp(re, { exclude: ['script', 'style'] });
  const ms = performance.now() - t0;
  return { ms, marks: document.querySelectorAll('mark').length };
}

function markArray(terms: string[]): { ms: number; marks: number } {
  const t0 = performance.now();
  new Mark(document.body).mark(terms, { separateWordSearch: false, accuracy: 'exactly', exclude: ['script', 'style'] });
  const ms = performance.now() - t0;
  return { ms, marks: document.querySelectorAll('mark').length };
}

/** A pristine copy of the page, so that every run starts from the same untouched DOM. */
let pristine: HTMLElement | undefined;
async function restore(): Promise<void> {
  pristine ??= document.body.cloneNode(true) as HTMLElement;
  CSS.highlights.clear();
  document.body.replaceWith(pristine.cloneNode(true));
  // Lay the new DOM out and let a frame pass, so no method pays for it.
  void document.body.offsetHeight;
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
}

(window as unknown as { glossBench: object }).glossBench = { restore, floor, gloss, rescanOne, markRegex, markArray };
