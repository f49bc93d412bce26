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
// 2. Topic gate (docs/decisions/0004-topic-gate.md). A page is about the topic when it
//    has at least TOPIC_MIN_MENTIONS confident mentions of chips, companies, models or
//    rules naming at least TOPIC_MIN_ENTITIES entities, and either one of them is a
//    chip, model or rule, or the page uses a word of the topic (a context word). Off
//    topic, nothing is shown. "Confident" means the name needs no context, or its
//    requirement was met by a confident mention of a named entity or kind: context
//    words alone ("chips" on a snack page) never make a page about chips, and brand
//    names alone (a Huawei phone and Baidu maps on a travel page) do not either.
// 3. First mention. People, places and agencies are shown at their first mention only,
//    unless the caller asks for every mention.

import { Requirement, REQ_AND, Role, type CompiledDictionary } from './compiled';
import type { Candidate } from './types';

export const TOPIC_MIN_MENTIONS = 3;
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
  /** Also say why each candidate was shown or refused (for `scan --explain`). */
  explain?: boolean;
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

/** Why a candidate was shown or refused, for people who ask. */
export type Reason =
  | { shown: true; via: string }
  | { shown: false; why: 'requirement' | 'off-topic' | 'later-mention'; needs?: string[] };

export interface PageResolution {
  topic: Topic;
  /** Per run, per candidate: the pattern it is shown as, or -1 (context words are always -1). */
  shown: Int32Array[];
  /** With `explain`: per run, per candidate, the reason (undefined for context words). */
  reasons?: (Reason | undefined)[][];
}

const NOT_MET = 3;
const SEEN = 1;
const CONFIDENT = 2;

/**
 * Resolves a page given as its runs of text (text nodes), each as the candidates the
 * matcher found in it, in document order.
 */
export function resolvePage(dict: CompiledDictionary, runs: readonly (readonly Candidate[])[], options: PageOptions = {}): PageResolution {
  const gate = options.topicGate !== false;
  const firstOnly = options.firstMentionOnly !== false;
  const d = dict;
  const entityLevel = new Uint8Array(d.entities.length);
  const kindLevel = new Uint8Array(d.kinds.length);
  const contextSeen = options.knownContexts ? Uint8Array.from(options.knownContexts) : new Uint8Array(d.contexts.length);
  // The pattern each candidate resolves to (-1: not yet) and whether it is confident.
  const choice = runs.map((r) => new Int32Array(r.length).fill(-1));
  const confident = runs.map((r) => new Uint8Array(r.length));

  const raise = (entity: number, level: number): boolean => {
    if (entityLevel[entity]! >= level) return false;
    entityLevel[entity] = level;
    const k = d.entityKind[entity]!;
    if (kindLevel[k]! < level) kindLevel[k] = level;
    return true;
  };

  // Context words and certain names first: they need nothing else.
  let pending = 0;
  runs.forEach((cands, r) => {
    cands.forEach((c, i) => {
      const role = d.patRole[c.pattern];
      if (role === Role.Context) {
        contextSeen[d.patRef[c.pattern]!] = 1;
        return;
      }
      if (role !== Role.Mention) return;
      const certain = certainOf(d, c);
      if (certain >= 0) {
        choice[r]![i] = certain;
        confident[r]![i] = 1;
        raise(d.patRef[certain]!, CONFIDENT);
      } else pending++;
    });
  });

  // Ambiguous names, to a fixed point. A candidate may be re-chosen when a more
  // specific requirement comes to hold, or become confident later.
  const rankOf = (p: number): { rank: number; sure: boolean } => rank(d, p, entityLevel, kindLevel, contextSeen);
  for (let changed = pending > 0; changed; ) {
    changed = false;
    runs.forEach((cands, r) => {
      cands.forEach((c, i) => {
        if (d.patRole[c.pattern] !== Role.Mention || confident[r]![i]) return;
        let best = -1;
        let bestRank = NOT_MET;
        let bestSure = false;
        for (const p of group(c)) {
          if (d.patRole[p] !== Role.Mention) continue;
          const { rank: rk, sure } = rankOf(p);
          if (rk < bestRank) {
            best = p;
            bestRank = rk;
            bestSure = sure;
          }
        }
        if (best < 0) return;
        if (choice[r]![i] !== best) {
          choice[r]![i] = best;
          changed = true;
        }
        if (bestSure) {
          confident[r]![i] = 1;
          changed = true;
        }
        if (raise(d.patRef[best]!, bestSure ? CONFIDENT : SEEN)) changed = true;
      });
    });
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
  let beyondBrands = contextSeen.includes(1);
  const companyKind = d.kinds.indexOf('company');
  runs.forEach((cands, r) =>
    cands.forEach((_, i) => {
      const p = choice[r]![i]!;
      if (p < 0 || !confident[r]![i]) return;
      const e = d.patRef[p]!;
      const k = d.entityKind[e]!;
      if (!topicKind[k]) return;
      evidence++;
      evidenceEntities.add(e);
      if (k !== companyKind) beyondBrands = true;
    }),
  );
  const topic: Topic = {
    onTopic: evidence >= TOPIC_MIN_MENTIONS && evidenceEntities.size >= TOPIC_MIN_ENTITIES && beyondBrands,
    mentions: evidence,
    entities: evidenceEntities.size,
    beyondBrands,
  };

  const shownOnce = new Uint8Array(d.entities.length);
  const reasons = options.explain ? runs.map((r) => new Array<Reason | undefined>(r.length)) : undefined;
  const shown = runs.map((cands, r) => {
    const out = new Int32Array(cands.length).fill(-1);
    cands.forEach((c, i) => {
      if (d.patRole[c.pattern] !== Role.Mention) return;
      const p = choice[r]![i]!;
      let reason: Reason;
      if (p < 0) reason = { shown: false, why: 'requirement', needs: group(c).flatMap((g) => describeRequirements(d, g)) };
      else if (gate && !topic.onTopic) reason = { shown: false, why: 'off-topic' };
      else {
        const e = d.patRef[p]!;
        if (firstOnly && firstKind[d.entityKind[e]!] && shownOnce[e]) reason = { shown: false, why: 'later-mention' };
        else {
          shownOnce[e] = 1;
          out[i] = p;
          reason = { shown: true, via: viaOf(d, p, entityLevel, kindLevel, contextSeen) };
        }
      }
      if (reasons) reasons[r]![i] = reason;
    });
    return out;
  });
  return reasons ? { topic, shown, reasons } : { topic, shown };
}

function group(c: Candidate): number[] {
  return c.alts ? [c.pattern, ...c.alts] : [c.pattern];
}

/** The pattern of a candidate that needs no context, or -1. */
function certainOf(d: CompiledDictionary, c: Candidate): number {
  for (const p of group(c)) if (d.patRole[p] === Role.Mention && d.reqStart[p] === d.reqStart[p + 1]) return p;
  return -1;
}

/**
 * How specifically a pattern's requirement is met: -1 needs none, 0 by a named entity,
 * 1 by a kind, 2 by a context word, NOT_MET not at all; and whether the best condition
 * met rests on a confident mention. Conditions joined with "+" must all hold; such a
 * group ranks as its weakest part and is sure only if every part is.
 */
function rank(
  d: CompiledDictionary,
  p: number,
  entityLevel: Uint8Array,
  kindLevel: Uint8Array,
  contextSeen: Uint8Array,
): { rank: number; sure: boolean } {
  const start = d.reqStart[p]!;
  const end = d.reqStart[p + 1]!;
  if (start === end) return { rank: -1, sure: true };
  let best = NOT_MET;
  let bestSure = false;
  let groupRank = -1;
  let groupSure = true;
  for (let r = start; r < end; r++) {
    const req = d.reqs[r]!;
    const index = req & 0xffffff;
    const type = (req >>> 24) & 0x3;
    let rk = NOT_MET;
    let sure = false;
    if (type === Requirement.Entity && entityLevel[index]) [rk, sure] = [0, entityLevel[index] === CONFIDENT];
    else if (type === Requirement.Kind && kindLevel[index]) [rk, sure] = [1, kindLevel[index] === CONFIDENT];
    else if (type === Requirement.Context && contextSeen[index]) [rk, sure] = [2, false];
    groupRank = Math.max(groupRank, rk);
    groupSure &&= sure;
    if (req & REQ_AND) continue;
    if (groupRank < best || (groupRank === best && groupSure && !bestSure)) {
      best = groupRank;
      bestSure = groupSure;
    }
    groupRank = -1;
    groupSure = true;
  }
  return { rank: best, sure: best < NOT_MET && bestSure };
}

/** Requirements of a pattern in the pack's words, e.g. "entity:nvidia", "context:export+kind:chip". */
export function describeRequirements(d: CompiledDictionary, p: number): string[] {
  const out: string[] = [];
  let current = '';
  for (let r = d.reqStart[p]!; r < d.reqStart[p + 1]!; r++) {
    const req = d.reqs[r]!;
    const index = req & 0xffffff;
    const type = (req >>> 24) & 0x3;
    const name = type === Requirement.Entity ? `entity:${d.entities[index]}` : type === Requirement.Kind ? `kind:${d.kinds[index]}` : `context:${d.contexts[index]}`;
    current = current ? `${current}+${name}` : name;
    if (req & REQ_AND) continue;
    out.push(current);
    current = '';
  }
  return out;
}

/** The condition that let a pattern through, in words. */
function viaOf(d: CompiledDictionary, p: number, entityLevel: Uint8Array, kindLevel: Uint8Array, contextSeen: Uint8Array): string {
  if (d.reqStart[p] === d.reqStart[p + 1]) return 'certain';
  const met = describeRequirements(d, p).filter((group) =>
    group.split('+').every((cond) => {
      const [type, name] = cond.split(':') as [string, string];
      if (type === 'entity') return entityLevel[d.entities.indexOf(name)]! > 0;
      if (type === 'kind') return kindLevel[d.kinds.indexOf(name)]! > 0;
      return contextSeen[d.contexts.indexOf(name)] === 1;
    }),
  );
  return met.join(' | ');
}
