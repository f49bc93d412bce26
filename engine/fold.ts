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

/**
 * Folds a whole string the way the matcher sees text: ignorable units dropped and
 * whitespace runs collapsed to one space, trimmed. Used for alias keys, not for page text.
 */
export function foldString(text: string): string {
  const t = foldTable();
  let out = '';
  let lastSpace = true;
  for (let i = 0; i < text.length; i++) {
    const f = t[text.charCodeAt(i)]!;
    if (f === IGNORABLE) continue;
    if (f === SPACE) {
      if (!lastSpace) out += ' ';
      lastSpace = true;
      continue;
    }
    out += String.fromCharCode(f);
    lastSpace = false;
  }
  return out.endsWith(' ') ? out.slice(0, -1) : out;
}
