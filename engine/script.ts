// Which characters continue a word, for deciding where a mention may start and end.
// Scripts written with spaces (Latin, Greek, Cyrillic, digits) need a word boundary;
// Chinese characters and hiragana do not (there are no spaces to find); a katakana
// word runs until the katakana run ends, so エヌビディア does not fire inside a longer
// katakana word.

export const enum Category {
  /** Punctuation, space, Han, hiragana, Hangul: never continues a spaced word. */
  Open = 0,
  /** Letter, digit or mark of a script written with spaces. */
  Word = 1,
  /** Katakana letter or the prolonged sound mark ー. */
  Katakana = 2,
}

const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const WORDLIKE = /[\p{L}\p{N}\p{M}]/u;

export function categoryOf(code: number): Category {
  if (code < 0x80) {
    return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)
      ? Category.Word
      : Category.Open;
  }
  if ((code >= 0x30a1 && code <= 0x30fa) || code === 0x30fc || (code >= 0x31f0 && code <= 0x31ff) || (code >= 0xff66 && code <= 0xff9f)) {
    return Category.Katakana;
  }
  if (code >= 0xd800 && code <= 0xdfff) return Category.Open;
  const ch = String.fromCharCode(code);
  if (UNSPACED.test(ch)) return Category.Open;
  return WORDLIKE.test(ch) ? Category.Word : Category.Open;
}
