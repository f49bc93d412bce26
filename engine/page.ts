// Page-level resolution: the one function that decides which candidates of a page are
// highlighted. The content script, the scan command and the quality gate all call it,
// so what the tests measure is what readers see. Three steps, over candidates only
// (never text, so re-resolving after a change costs little):
//
// 1. Ambiguity. An ambiguous alias ("H20", "BIS", "豆包") is a mention only if the page
//    also has what its pattern requires: a mention of an entity or of a kind, or a
//    context word. Resolved mentions can satisfy others, so this runs to a fixed point.
//    Where several entities share an alias (商務部: the US department or China's
//    ministry), the one whose requirement is met most specifically wins: a named entity
//    beats a kind, which beats a context word.
// 2. Topic gate (docs/decisions/0007-topic-gate.md). A page is about the topic when it
//    has at least TOPIC_MIN_MENTIONS confident mentions of chips, companies, models or
//    rules naming at least TOPIC_MIN_ENTITIES different ones, and either one is a
//    chip, model or rule, or the page uses a word of the topic (a context word).
//    "Confident" means the name needs no context, or its requirement was met by a
//    confident mention of a named entity or kind: context words alone ("chips" on a
//    snack page) never make a page about chips, and brand names alone do not either.
//    Off topic, people, places and agencies are not shown, nor names resolved only
//    through context words; a chip, company, model or rule named without doubt is.
//    Names in market quotes (a ticker strip: "NVDA 185.04 +1.7%") are never confident:
//    a markets ticker runs on every page of a news site, whatever the story.
// 3. First mention. People, places and agencies are shown at their first mention only,
//    unless the caller asks for every mention.

import { Requirement, REQ_AND, Role, type CompiledDictionary } from './compiled';
import type { Candidate } from './types';

export const TOPIC_MIN_MENTIONS = 2;
export const TOPIC_MIN_ENTITIES = 2;
/** Kinds whose confident mentions make a page about the topic. */
export const TOPIC_KINDS: readonly string[] = ['chip', 'company', 'model', 'rule'];
/** Kinds shown only on pages about the topic, and by default only at their first mention. */
export const FIRST_MENTION_KINDS: readonly string[] = ['person', 'place', 'org'];

export interface PageOptions {
  /** Hide everything on pages that are not about the topic (default true). */
  topicGate?: boolean;
  /** Show people, places and agencies at their first mention only (default true). */
  firstMentionOnly?: boolean;
  /**
   * Context words seen on the page beyond those among the candidates (the matcher
   * reports each context word once per page, and a node that had it may be gone).
   */
  knownContexts?: Uint8Array;
}

export interface Topic {
  onTopic: boolean;
  /** Confident mentions of chips, companies, models and rules. */
  mentions: number;
  /** Distinct entities among them. */
  entities: number;
  /** Whether one of them is a chip, model or rule, or the page has a context word. */
  beyondBrands: boolean;
}

export interface PageResolution {
  topic: Topic;
  /**
   * The pattern each candidate is shown as, or -1 (context words are always -1), for
   * all runs in a row: run r's candidates are at offsets[r] .. offsets[r+1]-1.
   */
  shown: Int32Array;
  offsets: Uint32Array;
}

/** What resolution found on the way, for explanations (engine/explain.ts). */
export interface PageState extends PageResolution {
  /** The pattern each candidate resolved to, or -1; and whether it is confident. */
  choice: Int32Array;
  confident: Uint8Array;
  entityLevel: Uint8Array;
  kindLevel: Uint8Array;
  contextSeen: Uint8Array;
}

const NOT_MET = 3;
const SEEN = 1;
const CONFIDENT = 2;

/**
 * Resolves a page given as its runs of text (text nodes), each as the candidates the
 * matcher found in it, in document order. Runs over every candidate a few times and
 * allocates nothing per candidate: a page with tens of thousands of names resolves in
 * a few milliseconds.
 */
export function resolvePage(dict: CompiledDictionary, runs: readonly (readonly Candidate[])[], options: PageOptions = {}): PageState {
  const gate = options.topicGate !== false;
  const firstOnly = options.firstMentionOnly !== false;
  const d = dict;
  const entityLevel = new Uint8Array(d.entities.length);
  const kindLevel = new Uint8Array(d.kinds.length);
  const contextSeen = options.knownContexts ? Uint8Array.from(options.knownContexts) : new Uint8Array(d.contexts.length);
  const offsets = new Uint32Array(runs.length + 1);
  for (let r = 0; r < runs.length; r++) offsets[r + 1] = offsets[r]! + runs[r]!.length;
  const n = offsets[runs.length]!;
  const all: Candidate[] = new Array(n);
  for (let r = 0, k = 0; r < runs.length; r++) for (const c of runs[r]!) all[k++] = c;
  // The pattern each candidate resolves to (-1: not yet) and whether it is confident.
  const choice = new Int32Array(n).fill(-1);
  const confident = new Uint8Array(n);

  const raise = (entity: number, level: number): boolean => {
    if (entityLevel[entity]! >= level) return false;
    entityLevel[entity] = level;
    const k = d.entityKind[entity]!;
    if (kindLevel[k]! < level) kindLevel[k] = level;
    return true;
  };

  // Context words and certain names first: they need nothing else.
  const pending: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = all[i]!;
    const role = d.patRole[c.pattern];
    if (role === Role.Context) {
      contextSeen[d.patRef[c.pattern]!] = 1;
      continue;
    }
    if (role !== Role.Mention) continue;
    const certain = certainOf(d, c);
    if (certain >= 0) {
      choice[i] = certain;
      // A name in a market quote is itself, but no evidence of the page's subject.
      if (c.quote) raise(d.patRef[certain]!, SEEN);
      else {
        confident[i] = 1;
        raise(d.patRef[certain]!, CONFIDENT);
      }
    } else pending.push(i);
  }

  // Ambiguous names, to a fixed point. A candidate may be re-chosen when a more
  // specific requirement comes to hold, or become confident later; levels only rise,
  // so this ends.
  for (let changed = pending.length > 0; changed; ) {
    changed = false;
    for (let q = 0; q < pending.length; q++) {
      const i = pending[q]!;
      const c = all[i]!;
      let best = -1;
      let bestScore = NOT_MET * 2;
      for (let g = -1; g < (c.alts?.length ?? 0); g++) {
        const p = g < 0 ? c.pattern : c.alts![g]!;
        if (d.patRole[p] !== Role.Mention) continue;
        // rank * 2, minus one when the condition met rests on confident mentions.
        const score = rank(d, p, entityLevel, kindLevel, contextSeen);
        if (score >> 1 < bestScore >> 1 || (score >> 1 === bestScore >> 1 && score < bestScore)) {
          best = p;
          bestScore = score;
        }
      }
      if (best < 0 || bestScore >> 1 >= NOT_MET) continue;
      const sure = (bestScore & 1) === 0 && !c.quote;
      if (choice[i] !== best) {
        choice[i] = best;
        changed = true;
      }
      if (raise(d.patRef[best]!, sure ? CONFIDENT : SEEN)) changed = true;
      if (sure) {
        confident[i] = 1;
        pending[q] = pending[pending.length - 1]!;
        pending.pop();
        q--;
        changed = true;
      }
    }
  }

  // The topic: confident mentions of the topic's kinds.
  const topicKind = new Uint8Array(d.kinds.length);
  const firstKind = new Uint8Array(d.kinds.length);
  d.kinds.forEach((k, i) => {
    if (TOPIC_KINDS.includes(k)) topicKind[i] = 1;
    if (FIRST_MENTION_KINDS.includes(k)) firstKind[i] = 1;
  });
  let evidence = 0;
  const evidenceEntities = new Set<number>();
  // Words of the topic; the "not-" contexts name other senses of a name and are not the topic.
  let beyondBrands = contextSeen.some((seen, i) => seen === 1 && !d.contexts[i]!.startsWith('not-'));
  const companyKind = d.kinds.indexOf('company');
  for (let i = 0; i < n; i++) {
    const p = choice[i]!;
    if (p < 0 || !confident[i]) continue;
    const e = d.patRef[p]!;
    const k = d.entityKind[e]!;
    if (!topicKind[k]) continue;
    evidence++;
    evidenceEntities.add(e);
    if (k !== companyKind) beyondBrands = true;
  }
  const topic: Topic = {
    onTopic: evidence >= TOPIC_MIN_MENTIONS && evidenceEntities.size >= TOPIC_MIN_ENTITIES && beyondBrands,
    mentions: evidence,
    entities: evidenceEntities.size,
    beyondBrands,
  };

  const shownOnce = new Uint8Array(d.entities.length);
  const shown = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const p = choice[i]!;
    if (p < 0) continue;
    const e = d.patRef[p]!;
    const k = d.entityKind[e]!;
    // Off topic, a chip, company, model or rule named without doubt is still itself;
    // anything that rests on context words, and every person, place and agency, is not shown.
    if (gate && !topic.onTopic && (firstKind[k] || !confident[i])) continue;
    if (firstOnly && firstKind[k] && shownOnce[e]) continue;
    shownOnce[e] = 1;
    shown[i] = p;
  }
  return { topic, shown, offsets, choice, confident, entityLevel, kindLevel, contextSeen };
}

/** The pattern of a candidate that needs no context, or -1. */
function certainOf(d: CompiledDictionary, c: Candidate): number {
  for (let g = -1; g < (c.alts?.length ?? 0); g++) {
    const p = g < 0 ? c.pattern : c.alts![g]!;
    if (d.patRole[p] === Role.Mention && d.reqStart[p] === d.reqStart[p + 1]) return p;
  }
  return -1;
}

/**
 * How specifically a pattern's requirement is met, as rank * 2 + (0 if the condition
 * met rests on confident mentions, else 1). Ranks: -1 needs none, 0 by a named entity,
 * 1 by a kind, 2 by a context word, NOT_MET not at all. Conditions joined with "+"
 * must all hold; such a group ranks as its weakest part and is sure only if every
 * part is.
 */
function rank(d: CompiledDictionary, p: number, entityLevel: Uint8Array, kindLevel: Uint8Array, contextSeen: Uint8Array): number {
  const start = d.reqStart[p]!;
  const end = d.reqStart[p + 1]!;
  if (start === end) return -2;
  let best = NOT_MET * 2;
  let groupRank = -1;
  let groupSure = true;
  let positive = false;
  for (let r = start; r < end; r++) {
    const req = d.reqs[r]!;
    const index = req & 0xffffff;
    const type = (req >>> 24) & 0x3;
    if (type === Requirement.Unless) {
      // The page uses the name in another sense ("macular degeneration" beside "AMD").
      if (contextSeen[index]) return NOT_MET * 2;
      continue;
    }
    positive = true;
    let rk = NOT_MET;
    let sure = false;
    if (type === Requirement.Entity && entityLevel[index]) {
      rk = 0;
      sure = entityLevel[index] === CONFIDENT;
    } else if (type === Requirement.Kind && kindLevel[index]) {
      rk = 1;
      sure = kindLevel[index] === CONFIDENT;
    } else if (type === Requirement.Context && contextSeen[index]) rk = 2;
    if (rk > groupRank) groupRank = rk;
    groupSure &&= sure;
    if (req & REQ_AND) continue;
    const score = groupRank * 2 + (groupSure ? 0 : 1);
    if (score < best) best = score;
    groupRank = -1;
    groupSure = true;
  }
  return !positive ? -2 : best >> 1 >= NOT_MET ? NOT_MET * 2 : best;
}
