// The runtime matcher. A mention can only start where a word can: for Latin, Greek
// and digits after a non-letter, for katakana where a katakana run begins, for Chinese
// characters anywhere. From each such place it walks the trie over folded text until
// no edge continues, recording every alias form that ends on the way. Between starts
// the work per character is one table lookup. Then boundary and case checks on each
// hit, and leftmost-longest selection. Nothing is allocated unless something is found.

import {
  CLASS_BITS,
  CLASS_IGNORABLE,
  CLASS_MASK,
  CLASS_NONE,
  CLASS_SPACE,
  FIRST_LETTER_CLASS,
  PatternFlag,
  Role,
  expandCells,
  type CompiledDictionary,
} from './compiled';
import { squeeze, UnitKind } from './fold';
import { Category } from './script';
import type { Candidate } from './types';

/** A place where an alias matched but was not taken, and why (for explanations only). */
export interface Refusal {
  pattern: number;
  start: number;
  end: number;
  /** word-continues: the text goes on with letters; case: capitals differ; the others lost their span. */
  why: 'word-continues' | 'case' | 'overlap' | 'false-friend';
  /** What won the span. */
  by?: { pattern: number; start: number; end: number };
}

const NO_HITS: Candidate[] = [];
const TRIPLE_BITS = 1 << 16;
const TRIPLE_SHIFT = 16;
/** Beyond this many children a state's edges are binary searched. */
const LINEAR_LIMIT = 8;

export class Matcher {
  readonly dict: CompiledDictionary;
  /** Per BMP code unit: folded class | script category << 14. */
  private readonly cells: Uint16Array;
  /**
   * Two-letter beginnings of aliases: an open-addressing table from (first class,
   * second class) to the trie state after both. Most places where a word starts lead
   * nowhere after its first two letters; they are dismissed with one probe, and the
   * rest start their walk two levels down.
   */
  private readonly pairKeys: Int32Array;
  private readonly pairStates: Int32Array;
  private readonly pairShift: number;
  /**
   * Which depth-2 states a third class can continue: 64-kilobit Bloom filters of
   * (depth-2 state, class) pairs. It is not asked where the pair already ends a form
   * or where the text goes on with an ignorable or a space. Forms that begin with a
   * letter of a script written with spaces have their own filter, so that Chinese and
   * Japanese forms (near-words above all) cannot add false positives, and thus work,
   * to pages without them. (Every character of a class has one script category: see
   * the cell table in compile.ts.)
   */
  private readonly triplesWord = new Uint32Array(TRIPLE_BITS >>> 5);
  private readonly triplesOther = new Uint32Array(TRIPLE_BITS >>> 5);
  /** Root children that are themselves the end of a form (one-letter aliases). */
  private readonly rootEnds: Uint8Array;
  private hits: Candidate[] | undefined;
  private knownContexts: Uint8Array | undefined;
  private refusals: Refusal[] | undefined;
  /** Trie walks begun so far: a measure of work that does not depend on the clock. */
  walks = 0;

  constructor(dict: CompiledDictionary) {
    this.dict = dict;
    this.cells = expandCells(dict.cellRuns);
    const a = dict.alphabetSize;
    const { childStart, label, output } = dict;
    this.rootEnds = new Uint8Array(a);
    const wordClass = new Uint8Array(a);
    for (let code = 0; code < 0x10000; code++) {
      const cell = this.cells[code]!;
      if (cell >>> CLASS_BITS === Category.Word) wordClass[cell & CLASS_MASK] = 1;
    }
    let pairCount = 0;
    for (let t = childStart[0]!; t < childStart[1]!; t++) {
      if (output[t]! >= 0) this.rootEnds[label[t]!] = 1;
      pairCount += childStart[t + 1]! - childStart[t]!;
    }
    let bits = 4;
    while (1 << bits < pairCount * 2) bits++;
    this.pairShift = 32 - bits;
    this.pairKeys = new Int32Array(1 << bits).fill(-1);
    this.pairStates = new Int32Array(1 << bits);
    const mask = (1 << bits) - 1;
    for (let t = childStart[0]!; t < childStart[1]!; t++) {
      for (let u = childStart[t]!; u < childStart[t + 1]!; u++) {
        const key = label[t]! * a + label[u]!;
        let h = Math.imul(key, 0x9e3779b1) >>> this.pairShift;
        while (this.pairKeys[h] !== -1) h = (h + 1) & mask;
        this.pairKeys[h] = key;
        this.pairStates[h] = u;
        const triples = wordClass[label[t]!] ? this.triplesWord : this.triplesOther;
        for (let v = childStart[u]!; v < childStart[u + 1]!; v++) {
          const bit = Math.imul(u * 0x10000 + label[v]!, 0x85ebca6b) >>> TRIPLE_SHIFT;
          triples[bit >>> 5]! |= 1 << (bit & 31);
        }
      }
    }
  }

  /**
   * Finds the candidates in one run of text (a text node, a paragraph): mention
   * candidates after overlap selection, plus context-word hits (role Context), in
   * text order. False-friend phrases win their span and are not returned.
   * `knownContexts` (1 per context already seen on the page) skips context words that
   * can tell the page nothing new.
   */
  scan(text: string, knownContexts?: Uint8Array, refusals?: Refusal[]): Candidate[] {
    const cells = this.cells;
    const rootNext = this.dict.rootNext;
    const rootEnds = this.rootEnds;
    const pairKeys = this.pairKeys;
    const pairStates = this.pairStates;
    const pairShift = this.pairShift;
    const pairMask = pairKeys.length - 1;
    const triplesWord = this.triplesWord;
    const triplesOther = this.triplesOther;
    const output = this.dict.output;
    const a = this.dict.alphabetSize;
    this.hits = undefined;
    this.knownContexts = knownContexts;
    this.refusals = refusals;
    let prev = Category.Open;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const cell = cells[text.charCodeAt(i)]!;
      const cat = cell >>> CLASS_BITS;
      // Inside a word (or a katakana run) nothing can start: the common case, first.
      if (cat === prev && cat !== Category.Open) continue;
      const k = cell & CLASS_MASK;
      if (k === CLASS_IGNORABLE) continue;
      prev = cat;
      if (k < FIRST_LETTER_CLASS) continue;
      const s = rootNext[k]!;
      if (s < 0) continue;
      const k2 = i + 1 < n ? cells[text.charCodeAt(i + 1)]! & CLASS_MASK : CLASS_NONE;
      if (rootEnds[k] === 1 || k2 === CLASS_IGNORABLE || k2 === CLASS_SPACE) this.walk(text, i, s, i);
      else if (k2 !== CLASS_NONE) {
        const key = k * a + k2;
        let h = Math.imul(key, 0x9e3779b1) >>> pairShift;
        for (;;) {
          const stored = pairKeys[h]!;
          if (stored === key) {
            // Most two-letter beginnings lead nowhere on the third letter: ask the
            // filter first, unless the pair already ends a form or the text goes on
            // with something the filter does not know (ignorables, space, the end).
            const s2 = pairStates[h]!;
            const k3 = i + 2 < n ? cells[text.charCodeAt(i + 2)]! & CLASS_MASK : CLASS_NONE;
            if (output[s2]! >= 0 || k3 === CLASS_IGNORABLE || k3 === CLASS_SPACE) this.walk(text, i, s2, i + 1);
            else if (k3 !== CLASS_NONE) {
              const bit = Math.imul(s2 * 0x10000 + k3, 0x85ebca6b) >>> TRIPLE_SHIFT;
              const triples = cat === Category.Word ? triplesWord : triplesOther;
              if (triples[bit >>> 5]! & (1 << (bit & 31))) this.walk(text, i, s2, i + 1);
            }
            break;
          }
          if (stored === -1) break;
          h = (h + 1) & pairMask;
        }
      }
    }
    // (walk() fills this.hits; the cast undoes narrowing from the reset above.)
    const hits = this.hits as Candidate[] | undefined;
    this.hits = undefined;
    if (!hits) return NO_HITS;
    const found =
      hits.length === 1 && this.dict.patRole[hits[0]!.pattern] !== Role.FalseFriend && !hits[0]!.alts?.length ? hits : this.select(hits);
    if (n <= QUOTE_MAX_RUN) for (const c of found) if (QUOTE_TAIL.test(text.slice(c.end))) c.quote = true;
    return found;
  }

  /** Chooses among overlapping hits (see select below); explanations watch what it drops. */
  protected select(hits: Candidate[]): Candidate[] {
    return select(hits, this.dict.patRole);
  }

  /**
   * Follows the trie from `state`, reached by the text from `start` to `last`
   * (inclusive); records every form that ends on the way.
   */
  private walk(text: string, start: number, state: number, last: number): void {
    const { childStart, label, output } = this.dict;
    const cells = this.cells;
    const n = text.length;
    this.walks++;
    let s = state;
    let lastSpace = false;
    for (;;) {
      const key = output[s]!;
      if (key >= 0) this.emit(text, key, start, last);
      const lo = childStart[s]!;
      const hi = childStart[s + 1]!;
      if (lo === hi) return;
      let j = last + 1;
      let k = CLASS_NONE;
      for (; j < n; j++) {
        k = cells[text.charCodeAt(j)]! & CLASS_MASK;
        if (k === CLASS_IGNORABLE || (k === CLASS_SPACE && lastSpace)) continue;
        break;
      }
      if (j >= n || k === CLASS_NONE) return;
      lastSpace = k === CLASS_SPACE;
      let t = -1;
      if (hi - lo <= LINEAR_LIMIT) {
        for (let e = lo; e < hi; e++) {
          const c = label[e]!;
          if (c === k) {
            t = e;
            break;
          }
          if (c > k) break;
        }
      } else {
        let a = lo;
        let b = hi - 1;
        while (a <= b) {
          const m = (a + b) >> 1;
          const c = label[m]!;
          if (c === k) {
            t = m;
            break;
          }
          if (c < k) a = m + 1;
          else b = m - 1;
        }
      }
      if (t < 0) return;
      s = t;
      last = j;
    }
  }

  private emit(text: string, key: number, start: number, last: number): void {
    const d = this.dict;
    const cells = this.cells;
    let end = last + 1;
    while (end < text.length && (cells[text.charCodeAt(end)]! & CLASS_MASK) === CLASS_IGNORABLE) end++;
    let after = end < text.length ? cells[text.charCodeAt(end)]! >>> CLASS_BITS : Category.Open;
    // Catalan writes a double l with a middle dot inside one word: "Intel·ligència".
    if (isMiddleDot(text.charCodeAt(end)) && /[lL]/.test(text[end - 1] ?? '') && /[lL]/.test(text[end + 1] ?? '')) after = Category.Word;
    let span: string | undefined;
    let first: Candidate | undefined;
    for (let kp = d.keyStart[key]!; kp < d.keyStart[key + 1]!; kp++) {
      const p = d.keyPatterns[kp]!;
      const flags = d.patFlags[p]!;
      if ((flags & PatternFlag.EndWord && after === Category.Word) || (flags & PatternFlag.EndKatakana && after === Category.Katakana)) {
        this.refusals?.push({ pattern: p, start, end, why: 'word-continues' });
        continue;
      }
      if (flags & PatternFlag.CaseSensitive) {
        span ??= this.canonicalSpan(text, start, end);
        if (span !== d.patForm[p]) {
          this.refusals?.push({ pattern: p, start, end, why: 'case' });
          continue;
        }
      }
      const role = d.patRole[p];
      if (role === Role.Context && this.knownContexts?.[d.patRef[p]!] === 1) continue;
      const hits = (this.hits ??= []);
      // Every candidate has the same four fields, so code handling them stays monomorphic.
      if (role === Role.Context) hits.push({ pattern: p, start, end, alts: undefined, quote: false });
      else if (!first) hits.push((first = { pattern: p, start, end, alts: undefined, quote: false }));
      else (first.alts ??= []).push(p);
    }
  }

  /** The span as case-sensitive forms are compared (see canonicalForm), from the cell table. */
  private canonicalSpan(text: string, start: number, end: number): string {
    const cells = this.cells;
    const kindOf = (code: number): UnitKind => {
      const k = cells[code]! & CLASS_MASK;
      return k === CLASS_IGNORABLE ? UnitKind.Ignorable : k === CLASS_SPACE ? UnitKind.Space : UnitKind.Keep;
    };
    return squeeze(text, start, end, kindOf, (i) => text[i]!).normalize('NFKC');
  }
}

/**
 * A market quote: after the name, at most a stock code (NVDA, 2330.TW, 0981.HK, (RACE))
 * and then only figures, signs, arrows and currency to the end of a short run, as in
 * ticker strips and quote tables ("NVDA 185.04 +1.72%", "台積電 2330 1,475 ▲ 1.03%",
 * "Nvidia 199,05 $"). Prose never ends a name this way.
 */
const QUOTE_MAX_RUN = 64;
const QUOTE_TAIL =
  /^[\s\u00a0\u202f]*(?:[(（]?[A-Z0-9][A-Z0-9.\-]{0,11}[)）]?[\s\u00a0\u202f]+)?(?:US\$|HK\$|[$€£¥])?[+\-−]?\d(?:[\d.,'%$€£¥円元+\-−▲▼△▽↑↓\s\u00a0\u202f]|US\$|HK\$)*$/u;

/** U+00B7 MIDDLE DOT, or U+0387 GREEK ANO TELEIA which Unicode folds to it. */
function isMiddleDot(code: number): boolean {
  return code === 0xb7 || code === 0x387;
}

/**
 * Leftmost-longest selection: mentions and false friends compete for spans, the
 * earliest start wins, then the longest; a false friend that wins hides what it
 * covers. Context hits never compete and are all kept.
 */
function select(hits: Candidate[], roles: Uint8Array): Candidate[] {
  const competing = hits.filter((h) => roles[h.pattern] !== Role.Context);
  competing.sort((a, b) => a.start - b.start || b.end - a.end || roles[b.pattern]! - roles[a.pattern]!);
  const out: Candidate[] = [];
  let reach = -1;
  for (const h of competing) {
    if (h.start < reach) continue;
    reach = h.end;
    const blocked = roles[h.pattern] === Role.FalseFriend || h.alts?.some((a) => roles[a] === Role.FalseFriend);
    if (!blocked) out.push(h);
  }
  for (const h of hits) if (roles[h.pattern] === Role.Context) out.push(h);
  if (out.length > 1) out.sort((a, b) => a.start - b.start);
  return out;
}
