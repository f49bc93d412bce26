// Page-level resolution of ambiguous aliases. An ambiguous alias ("H20", "BIS", "豆包")
// is a mention only if the page also has what its pattern requires: a certain mention
// of an entity or of a kind, or a context word. Resolved mentions can satisfy other
// ambiguous ones, so resolution runs to a fixed point. Where several entities share an
// alias (商務部: the US department or China's ministry), the one whose requirement is
// met most specifically wins: a named entity on the page beats a kind, which beats a
// context word.

import { Requirement, Role, type CompiledDictionary } from './compiled';
import type { Candidate } from './types';

const NOT_MET = 3;

export class PageContext {
  private readonly d: CompiledDictionary;
  private readonly entitySeen: Uint8Array;
  private readonly kindSeen: Uint8Array;
  private readonly contextSeen: Uint8Array;
  /** Groups of alternative patterns met on the page whose choice is not settled yet. */
  private readonly pending = new Map<string, number[]>();
  /** Single patterns whose requirement was met (their entity is seen). */
  private readonly settled = new Set<number>();

  constructor(dict: CompiledDictionary) {
    this.d = dict;
    this.entitySeen = new Uint8Array(dict.entities.length);
    this.kindSeen = new Uint8Array(dict.kinds.length);
    this.contextSeen = new Uint8Array(dict.contexts.length);
  }

  /** 1 for each context already seen: the matcher need not report it again. */
  get knownContexts(): Uint8Array {
    return this.contextSeen;
  }

  /** Takes in the candidates of one run of text. Returns true if the context grew. */
  observe(candidates: readonly Candidate[]): boolean {
    const d = this.d;
    let grew = false;
    let added = false;
    for (const c of candidates) {
      if (d.patRole[c.pattern] === Role.Context) {
        const ctx = d.patRef[c.pattern]!;
        if (!this.contextSeen[ctx]) grew = true;
        this.contextSeen[ctx] = 1;
        continue;
      }
      if (!c.alts) {
        if (this.isCertain(c.pattern)) grew = this.see(d.patRef[c.pattern]!) || grew;
        else if (!this.settled.has(c.pattern) && !this.pending.has(String(c.pattern))) {
          this.pending.set(String(c.pattern), [c.pattern]);
          added = true;
        }
        continue;
      }
      const group = [c.pattern, ...c.alts];
      const certain = group.find((p) => this.isCertain(p));
      const key = group.join(',');
      if (certain !== undefined) grew = this.see(d.patRef[certain]!) || grew;
      else if (!this.pending.has(key)) {
        this.pending.set(key, group);
        added = true;
      }
    }
    // Nothing pending can change unless the context grew or something new is waiting.
    if (this.pending.size > 0 && (grew || added)) grew = this.settle() || grew;
    return grew;
  }

  /** The pattern a candidate counts as on this page, or undefined if it is no mention (yet). */
  resolve(c: Candidate): number | undefined {
    if (this.d.patRole[c.pattern] !== Role.Mention) return undefined;
    if (!c.alts) return this.rank(c.pattern) < NOT_MET ? c.pattern : undefined;
    let best: number | undefined;
    let bestRank = NOT_MET;
    for (const p of [c.pattern, ...c.alts]) {
      if (this.d.patRole[p] !== Role.Mention) continue;
      const r = this.rank(p);
      if (r < bestRank) {
        best = p;
        bestRank = r;
      }
    }
    return best;
  }

  private isCertain(p: number): boolean {
    return this.d.patRole[p] === Role.Mention && this.d.reqStart[p] === this.d.reqStart[p + 1];
  }

  private see(entity: number): boolean {
    if (this.entitySeen[entity]) return false;
    this.entitySeen[entity] = 1;
    this.kindSeen[this.d.entityKind[entity]!] = 1;
    return true;
  }

  private settle(): boolean {
    let grew = false;
    let changed = true;
    while (changed) {
      changed = false;
      for (const [key, group] of this.pending) {
        const choice = this.resolve({ pattern: group[0]!, start: 0, end: 0, alts: group.length > 1 ? group.slice(1) : undefined });
        if (choice === undefined) continue;
        this.pending.delete(key);
        if (group.length === 1) this.settled.add(group[0]!);
        grew = true;
        if (this.see(this.d.patRef[choice]!)) changed = true;
      }
    }
    return grew;
  }

  /**
   * How specifically a pattern's requirement is met: -1 needs none, 0 by a named
   * entity, 1 by a kind, 2 by a context word, NOT_MET not at all.
   */
  private rank(p: number): number {
    const d = this.d;
    const start = d.reqStart[p]!;
    const end = d.reqStart[p + 1]!;
    if (start === end) return -1;
    let best = NOT_MET;
    for (let r = start; r < end; r++) {
      const req = d.reqs[r]!;
      const index = req & 0xffffff;
      const type = req >>> 24;
      if (type === Requirement.Entity && this.entitySeen[index]) return 0;
      if (type === Requirement.Kind && this.kindSeen[index]) best = Math.min(best, 1);
      if (type === Requirement.Context && this.contextSeen[index]) best = Math.min(best, 2);
    }
    return best;
  }
}
