// The runtime matcher: one pass over a run of text through the automaton, folding as
// it goes, then boundary and case checks on each hit and leftmost-longest selection.
// It allocates nothing per character; work per hit is small and hits are rare.

import { canonicalSpan } from './compile';
import {
  CLASS_IGNORABLE,
  CLASS_NONE,
  CLASS_SPACE,
  MAX_PATTERN_LENGTH,
  PatternFlag,
  Role,
  expandClasses,
  type CompiledDictionary,
} from './compiled';
import { Category, categoryOf } from './script';
import type { Candidate } from './types';

const RING = 256; // > MAX_PATTERN_LENGTH, a power of two
const RING_MASK = RING - 1;
if (MAX_PATTERN_LENGTH >= RING) throw new Error('position ring too small');

export class Matcher {
  readonly dict: CompiledDictionary;
  private readonly classes: Uint16Array;
  private readonly positions = new Int32Array(RING);

  constructor(dict: CompiledDictionary) {
    this.dict = dict;
    this.classes = expandClasses(dict.classRuns);
  }

  /**
   * Finds the candidates in one run of text (a text node, a paragraph): mention
   * candidates after overlap selection, plus context-word hits (role Context), in
   * text order. False-friend phrases win their span and are not returned.
   */
  scan(text: string): Candidate[] {
    const hits = this.rawHits(text);
    if (hits.length === 0) return hits;
    return select(hits, this.dict.patRole);
  }

  private rawHits(text: string): Candidate[] {
    const d = this.dict;
    const cls = this.classes;
    const { rootNext, edgeStart, edgeClass, edgeTarget, fail, output, dictLink } = d;
    const pos = this.positions;
    const hits: Candidate[] = [];
    const n = text.length;
    let s = 0;
    let j = 0;
    let lastSpace = true;
    for (let i = 0; i < n; i++) {
      const k = cls[text.charCodeAt(i)]!;
      if (k === CLASS_IGNORABLE) continue;
      if (k === CLASS_SPACE) {
        if (lastSpace) continue;
        lastSpace = true;
      } else {
        lastSpace = false;
      }
      pos[j & RING_MASK] = i;
      j++;
      if (k === CLASS_NONE) {
        s = 0;
        continue;
      }
      for (;;) {
        if (s === 0) {
          const t = rootNext[k]!;
          s = t < 0 ? 0 : t;
          break;
        }
        const lo = edgeStart[s]!;
        const hi = edgeStart[s + 1]!;
        let t = -1;
        for (let e = lo; e < hi; e++) {
          const c = edgeClass[e]!;
          if (c === k) {
            t = edgeTarget[e]!;
            break;
          }
          if (c > k) break;
        }
        if (t >= 0) {
          s = t;
          break;
        }
        s = fail[s]!;
      }
      let o = output[s]! >= 0 ? s : dictLink[s]!;
      while (o >= 0) {
        this.emit(text, output[o]!, i, j, hits);
        o = dictLink[o]!;
      }
    }
    return hits;
  }

  private emit(text: string, key: number, last: number, consumed: number, hits: Candidate[]): void {
    const d = this.dict;
    const start = this.positions[(consumed - d.keyLength[key]!) & RING_MASK]!;
    let end = last + 1;
    while (end < text.length && this.classes[text.charCodeAt(end)] === CLASS_IGNORABLE) end++;
    const before = start > 0 ? categoryOf(text.charCodeAt(start - 1)) : Category.Open;
    const after = end < text.length ? categoryOf(text.charCodeAt(end)) : Category.Open;
    let span: string | undefined;
    let first: Candidate | undefined;
    for (let kp = d.keyStart[key]!; kp < d.keyStart[key + 1]!; kp++) {
      const p = d.keyPatterns[kp]!;
      const flags = d.patFlags[p]!;
      if (flags & PatternFlag.StartWord && before === Category.Word) continue;
      if (flags & PatternFlag.StartKatakana && before === Category.Katakana) continue;
      if (flags & PatternFlag.EndWord && after === Category.Word) continue;
      if (flags & PatternFlag.EndKatakana && after === Category.Katakana) continue;
      if (flags & PatternFlag.CaseSensitive) {
        span ??= canonicalSpan(text.slice(start, end));
        if (span !== d.patForm[p]) continue;
      }
      if (d.patRole[p] === Role.Context) hits.push({ pattern: p, start, end });
      else if (!first) hits.push((first = { pattern: p, start, end }));
      else (first.alts ??= []).push(p);
    }
  }
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
