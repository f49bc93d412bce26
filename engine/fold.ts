// Character folding: every UTF-16 code unit folds to exactly one code unit (or is
// ignorable), so offsets found in folded text are offsets in the original text.
// Folding removes what readers do not see as a difference: case, accents and Greek
// tonos, final sigma, full-width Latin, typographic dashes and apostrophes, and runs
// of whitespace. Chinese characters and kana are left as written (Traditional and
// Simplified spellings are separate aliases in the pack).

/** Code unit that is dropped while matching (combining marks, soft hyphen, zero-width). */
export const IGNORABLE = 0;
/** Every kind of whitespace folds to one ASCII space. */
export const SPACE = 0x20;

const DASHES = '\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D';
const APOSTROPHES = '\u2018\u2019\u201B\u02BC\u2032\uFF07`\u00B4';
const ZERO_WIDTH = '\u00AD\u200B\u200C\u200D\u2060\uFEFF';
const COMBINING = /\p{M}/u;
const WHITESPACE = /\s/u;
const KANA = /[\u3040-\u30FF\u31F0-\u31FF]/;

/** Folds one code unit. Returns IGNORABLE for units that matching skips. */
export function foldUnit(code: number): number {
  if (code >= 0xd800 && code <= 0xdfff) return code; // lone surrogate halves stay as they are
  const ch = String.fromCharCode(code);
  if (code < 0x80) {
    if (code === 0) return 0xffff; // NUL is a separator, not an ignorable
    if (code >= 0x41 && code <= 0x5a) return code + 0x20;
    if (code === 0x60) return 0x27;
    return WHITESPACE.test(ch) ? SPACE : code;
  }
  if (ZERO_WIDTH.includes(ch)) return IGNORABLE;
  if (WHITESPACE.test(ch)) return SPACE;
  if (COMBINING.test(ch)) return IGNORABLE;
  if (DASHES.includes(ch)) return 0x2d;
  if (APOSTROPHES.includes(ch)) return 0x27;
  if (ch === '\u03C2') return 0x03c3; // final sigma ς → σ
  if (ch === '\u1E9E') return 0x00df; // capital ẞ → ß
  // Kana keep their voicing marks: ビ and ヒ are different letters.
  const decomposed = KANA.test(ch) ? ch.normalize('NFKC') : ch.normalize('NFKD').replace(/\p{M}/gu, '');
  let folded = decomposed.toLowerCase();
  if (folded === '\u03C2') folded = '\u03C3';
  if (folded.length === 1) return folded.charCodeAt(0);
  const lower = ch.toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : code;
}

let table: Uint16Array | undefined;

/** The fold of every BMP code unit, computed once (about 50 ms) and kept. */
export function foldTable(): Uint16Array {
  if (table) return table;
  const t = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) t[c] = foldUnit(c);
  table = t;
  return t;
}

export const enum UnitKind {
  Keep = 0,
  Ignorable = 1,
  Space = 2,
}

/**
 * Rebuilds text[start, end) the way matching compares text: ignorable units dropped,
 * whitespace runs collapsed to one space, no space at either end; every other unit
 * becomes keep(i). The one loop behind alias keys and case-sensitive comparisons.
 */
export function squeeze(text: string, start: number, end: number, kindOf: (code: number) => UnitKind, keep: (i: number) => string): string {
  let out = '';
  let pendingSpace = false;
  for (let i = start; i < end; i++) {
    const kind = kindOf(text.charCodeAt(i));
    if (kind === UnitKind.Ignorable) continue;
    if (kind === UnitKind.Space) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace) out += ' ';
    pendingSpace = false;
    out += keep(i);
  }
  return out;
}

function foldKind(code: number): UnitKind {
  const f = foldTable()[code]!;
  return f === IGNORABLE ? UnitKind.Ignorable : f === SPACE ? UnitKind.Space : UnitKind.Keep;
}

/** A whole string folded as the matcher sees text. Used for alias keys, not for page text. */
export function foldString(text: string): string {
  const t = foldTable();
  return squeeze(text, 0, text.length, foldKind, (i) => String.fromCharCode(t[text.charCodeAt(i)]!));
}

/**
 * A form as case-sensitive patterns compare it: ignorables dropped, spaces collapsed,
 * full-width forms narrowed (ＡＭＤ is AMD), capitals kept.
 */
export function canonicalForm(text: string): string {
  return squeeze(text, 0, text.length, foldKind, (i) => text[i]!).normalize('NFKC');
}
