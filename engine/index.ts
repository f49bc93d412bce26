// Gloss's matching engine: plain TypeScript, no DOM. Text and a compiled dictionary
// in, mentions out. The content script, the scan command and the tests all use it.

import type { CompiledDictionary } from './compiled';
import { Matcher } from './matcher';
import { PageContext } from './resolve';
import type { Candidate, Mention } from './types';

export { compileDictionary, DictionaryError } from './compile';
export { decodeDictionary, encodeDictionary, DictionaryFormatError, type CompiledDictionary } from './compiled';
export { expandForms, displayForm, AliasSyntaxError, MAX_FORMS } from './expand';
export { foldString } from './fold';
export { Matcher } from './matcher';
export { PageContext } from './resolve';
export type { Candidate, DictionaryInput, FalseFriendInput, Mention, TermInput } from './types';

/** The mention a resolved pattern stands for at a candidate's place (entity, kind, original text). */
export function toMention(dict: CompiledDictionary, text: string, c: Candidate, pattern = c.pattern): Mention {
  const entity = dict.patRef[pattern]!;
  return {
    entity: dict.entities[entity]!,
    kind: dict.kinds[dict.entityKind[entity]!]!,
    start: c.start,
    end: c.end,
    text: text.slice(c.start, c.end),
  };
}

/**
 * Mentions in a page given as its runs of text (text nodes or blocks), in order.
 * Ambiguous aliases are resolved against the whole page. Offsets are per run.
 */
export function findMentionsInRuns(matcher: Matcher, runs: readonly string[]): { run: number; mention: Mention }[] {
  const page = new PageContext(matcher.dict);
  const perRun = runs.map((text) => {
    const candidates = matcher.scan(text, page.knownContexts);
    page.observe(candidates);
    return candidates;
  });
  const out: { run: number; mention: Mention }[] = [];
  perRun.forEach((candidates, run) => {
    for (const c of candidates) {
      const pattern = page.resolve(c);
      if (pattern !== undefined) out.push({ run, mention: toMention(matcher.dict, runs[run]!, c, pattern) });
    }
  });
  return out;
}

/** Mentions in one text, resolved as a page of its own. */
export function findMentions(matcher: Matcher, text: string): Mention[] {
  return findMentionsInRuns(matcher, [text]).map((r) => r.mention);
}
