// Where a file stops being JSON. JSON.parse says only that it failed, and each engine
// words it differently (V8 often quotes a snippet instead of a position, Firefox gives
// line and column), so after it fails this scanner finds the first offending character
// itself: the reader then gets the same "line 3, column 7" in every browser.

export interface JsonSyntaxError {
  /** Offset of the first character that cannot be JSON (the text's length: it ended too soon). */
  offset: number;
  line: number;
  column: number;
  /** What was found there, in words: `unexpected "}"`, `the file ends too soon`. */
  found: string;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;

/** Thrown by the scanners: the offset at which the text stops being JSON. */
class BadAt {
  constructor(readonly offset: number) {}
}

/** Offset just past the string that starts (with its quote) at `i`. */
function scanString(s: string, i: number): number {
  let j = i + 1;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (c === 0x22) return j + 1;
    if (c < 0x20) throw new BadAt(j);
    if (c !== 0x5c) {
      j++;
      continue;
    }
    const e = s[j + 1];
    if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(j + 2, j + 6))) j += 6;
    else if (e !== undefined && e !== 'u' && '"\\/bfnrt'.includes(e)) j += 2;
    else throw new BadAt(j + 1);
  }
  throw new BadAt(s.length);
}

/** Offset just past the number, literal or string at `i`. */
function scanScalar(s: string, i: number): number {
  const c = s[i];
  if (c === '"') return scanString(s, i);
  for (const word of ['true', 'false', 'null']) {
    if (c !== word[0]) continue;
    for (let k = 1; k < word.length; k++) if (s[i + k] !== word[k]) throw new BadAt(i + k);
    return i + word.length;
  }
  NUMBER.lastIndex = i;
  const m = NUMBER.exec(s);
  if (m) return i + m[0].length;
  // After a minus sign it is what follows that cannot start a number.
  throw new BadAt(c === '-' ? i + 1 : i);
}

/** The first syntax error in `s`, or undefined if `s` is JSON. */
export function findJsonSyntaxError(s: string): JsonSyntaxError | undefined {
  try {
    scanDocument(s);
    return undefined;
  } catch (e) {
    if (e instanceof BadAt) return describe(s, e.offset);
    throw e;
  }
}

function scanDocument(s: string): void {
  // An explicit stack rather than recursion: a file nested a million deep must not overflow.
  const stack: ('{' | '[')[] = [];
  type Expect = 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'colon' | 'next';
  let expect: Expect = 'value';
  let i = 0;
  for (;;) {
    WHITESPACE.lastIndex = i;
    WHITESPACE.exec(s);
    i = WHITESPACE.lastIndex;
    const c = s[i];
    switch (expect) {
      case 'valueOrClose':
      case 'value':
        if (expect === 'valueOrClose' && c === ']') {
          stack.pop();
          i++;
          expect = 'next';
        } else if (c === '{' || c === '[') {
          stack.push(c);
          i++;
          expect = c === '{' ? 'keyOrClose' : 'valueOrClose';
        } else if (c === undefined) {
          throw new BadAt(i);
        } else {
          i = scanScalar(s, i);
          expect = 'next';
        }
        break;
      case 'keyOrClose':
      case 'key':
        if (expect === 'keyOrClose' && c === '}') {
          stack.pop();
          i++;
          expect = 'next';
        } else if (c === '"') {
          i = scanString(s, i);
          expect = 'colon';
        } else {
          throw new BadAt(i);
        }
        break;
      case 'colon':
        if (c !== ':') throw new BadAt(i);
        i++;
        expect = 'value';
        break;
      case 'next': {
        const top = stack[stack.length - 1];
        if (top === undefined) {
          if (c === undefined) return;
          throw new BadAt(i);
        }
        if (c === ',') {
          i++;
          expect = top === '{' ? 'key' : 'value';
        } else if (c === (top === '{' ? '}' : ']')) {
          stack.pop();
          i++;
        } else {
          throw new BadAt(i);
        }
        break;
      }
    }
  }
}

function describe(s: string, offset: number): JsonSyntaxError {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < s.length; k++) {
    if (s[k] === '\n') {
      line++;
      lineStart = k + 1;
    }
  }
  const ch = s.codePointAt(offset);
  const found =
    ch === undefined ? 'the file ends too soon' : ch < 0x20 ? `unexpected control character U+${ch.toString(16).toUpperCase().padStart(4, '0')}` : `unexpected ${JSON.stringify(String.fromCodePoint(ch))}`;
  return { offset, line, column: offset - lineStart + 1, found };
}
