// Gloss's matching engine: plain TypeScript, no DOM. Text and a compiled dictionary
// in, mentions out. The content script, the scan command and the tests all use it.

import type { CompiledDictionary } from './compiled';
import type { Matcher } from './matcher';
import { resolvePage, type PageOptions } from './page';
import type { Candidate, Mention } from './types';

export { compileDictionary, DictionaryError } from './compile';
export { decodeDictionary, encodeDictionary, DictionaryFormatError, type CompiledDictionary } from './compiled';
export { expandForms, displayForm, AliasSyntaxError, MAX_FORMS } from './expand';
export { foldString } from './fold';
export { Matcher, type Refusal } from './matcher';
export {
  resolvePage,
  FIRST_MENTION_KINDS,
  TOPIC_KINDS,
  TOPIC_MIN_ENTITIES,
  TOPIC_MIN_MENTIONS,
  type PageOptions,
  type PageResolution,
  type PageState,
  type Topic,
} from './page';
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
 * Mentions in a page given as its runs of text (text nodes or blocks), in order, as
 * readers see them: resolvePage with the given options (by default the topic gate and
 * first mentions only for people, places and agencies). Offsets are per run.
 */
export function findMentionsInRuns(matcher: Matcher, runs: readonly string[], options?: PageOptions): { run: number; mention: Mention }[] {
  const known = new Uint8Array(matcher.dict.contexts.length);
  const candidates = runs.map((text) => {
    const found = matcher.scan(text, known);
    for (const c of found) if (matcher.dict.patRole[c.pattern] === 1) known[matcher.dict.patRef[c.pattern]!] = 1;
    return found;
  });
  const { shown, offsets } = resolvePage(matcher.dict, candidates, options);
  const out: { run: number; mention: Mention }[] = [];
  candidates.forEach((list, run) => {
    list.forEach((c, i) => {
      const p = shown[offsets[run]! + i]!;
      if (p >= 0) out.push({ run, mention: toMention(matcher.dict, runs[run]!, c, p) });
    });
  });
  return out;
}

/**
 * Mentions in one text with ambiguity resolved but neither the topic gate nor the
 * first-mention rule: what the dictionary recognises, for tests of matching itself.
 */
export function findMentions(matcher: Matcher, text: string): Mention[] {
  return findMentionsInRuns(matcher, [text], { topicGate: false, firstMentionOnly: false }).map((r) => r.mention);
}
