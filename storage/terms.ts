// Search terms for notes: folded words, and for Chinese and Japanese text (written
// without spaces) every two-character run, so a search for 英伟达 or 輸出 finds notes
// without a word segmenter. Kept in a multi-entry index; a search reads only the
// notes that hold its terms.

import { foldString } from '../engine';

const MAX_TERMS = 400;
const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/u;
const TOKEN = /[\p{L}\p{N}]+/gu;

/** The distinct search terms of some texts. */
export function searchTerms(...texts: readonly (string | undefined)[]): string[] {
  const out = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const token of tokens(text)) {
      out.add(token);
      if (out.size >= MAX_TERMS) return [...out];
    }
  }
  return [...out];
}

/** Terms of a query, in the order typed. */
export function queryTerms(query: string): string[] {
  return [...new Set(tokens(query))];
}

function* tokens(text: string): Generator<string> {
  const folded = foldString(text.normalize('NFKC'));
  for (const m of folded.matchAll(TOKEN)) {
    const word = m[0];
    if (!CJK.test(word)) {
      if (word.length <= 40) yield word;
      continue;
    }
    // Split a mixed run into its CJK and other parts; CJK parts give overlapping pairs.
    for (const part of word.match(/[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+|[^\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+/gu) ?? []) {
      if (!CJK.test(part)) {
        if (part.length <= 40) yield part;
      } else if (part.length === 1) {
        yield part;
      } else {
        for (let i = 0; i + 2 <= part.length; i++) yield part.slice(i, i + 2);
      }
    }
  }
}
