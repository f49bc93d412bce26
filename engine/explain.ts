// Why a page shows what it shows, in words: for `npm run scan -- --explain` and for
// pack authors. Kept apart from engine/page.ts so that pages never load it.

import { REQ_AND, Requirement, Role, type CompiledDictionary } from './compiled';
import { FIRST_MENTION_KINDS, type PageState } from './page';
import type { Candidate } from './types';

/** Why a candidate was shown or refused. */
export type Reason =
  | { shown: true; via: string }
  | { shown: false; why: 'requirement' | 'off-topic' | 'later-mention'; needs?: string[]; otherSense?: string[] };

/** The reason for every candidate of a resolved page, laid out like `state.shown` (undefined for context words). */
export function explainPage(d: CompiledDictionary, runs: readonly (readonly Candidate[])[], state: PageState): (Reason | undefined)[] {
  const reasons: (Reason | undefined)[] = [];
  let i = 0;
  for (const run of runs) {
    for (const c of run) {
      const at = i++;
      if (d.patRole[c.pattern] !== Role.Mention) continue;
      const p = state.choice[at]!;
      if (p < 0) {
        const patterns = [c.pattern, ...(c.alts ?? [])];
        const otherSense = patterns.flatMap((g) => otherSenses(d, g, state.contextSeen));
        reasons[at] = { shown: false, why: 'requirement', needs: patterns.flatMap((g) => describeRequirements(d, g)), ...(otherSense.length ? { otherSense } : {}) };
      }
      else if (state.shown[at]! >= 0) reasons[at] = { shown: true, via: viaOf(d, p, state) };
      else {
        const firstKind = FIRST_MENTION_KINDS.includes(d.kinds[d.entityKind[d.patRef[p]!]!]!);
        const offTopic = !state.topic.onTopic && (firstKind || !state.confident[at]);
        reasons[at] = { shown: false, why: offTopic ? 'off-topic' : 'later-mention' };
      }
    }
  }
  return reasons;
}

/** Requirements of a pattern in the pack's words, e.g. "entity:nvidia", "context:export+kind:chip". */
export function describeRequirements(d: CompiledDictionary, p: number): string[] {
  const out: string[] = [];
  let current = '';
  for (let r = d.reqStart[p]!; r < d.reqStart[p + 1]!; r++) {
    const req = d.reqs[r]!;
    const index = req & 0xffffff;
    const type = (req >>> 24) & 0x3;
    if (type === Requirement.Unless) continue;
    const name = type === Requirement.Entity ? `entity:${d.entities[index]}` : type === Requirement.Kind ? `kind:${d.kinds[index]}` : `context:${d.contexts[index]}`;
    current = current ? `${current}+${name}` : name;
    if (req & REQ_AND) continue;
    out.push(current);
    current = '';
  }
  return out;
}

/** The other senses a pattern is refused for ("not-eye-disease") that the page has. */
export function otherSenses(d: CompiledDictionary, p: number, contextSeen: Uint8Array): string[] {
  const out: string[] = [];
  for (let r = d.reqStart[p]!; r < d.reqStart[p + 1]!; r++) {
    const req = d.reqs[r]!;
    const index = req & 0xffffff;
    if (((req >>> 24) & 0x3) === Requirement.Unless && contextSeen[index]) out.push(d.contexts[index]!);
  }
  return out;
}

/** The condition that let a pattern through, in words. */
function viaOf(d: CompiledDictionary, p: number, state: PageState): string {
  if (d.reqStart[p] === d.reqStart[p + 1]) return 'certain';
  const met = describeRequirements(d, p).filter((group) =>
    group.split('+').every((cond) => {
      const [type, name] = cond.split(':') as [string, string];
      if (type === 'entity') return state.entityLevel[d.entities.indexOf(name)]! > 0;
      if (type === 'kind') return state.kindLevel[d.kinds.indexOf(name)]! > 0;
      return state.contextSeen[d.contexts.indexOf(name)] === 1;
    }),
  );
  return met.join(' | ');
}
