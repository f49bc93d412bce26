// Page-level resolution of ambiguous aliases. An ambiguous alias ("H20", "BIS", "豆包")
// is a mention only if the page also has what its pattern requires: a certain mention
// of an entity or of a kind, or a context word. Certain mentions can make ambiguous
// ones certain, which can in turn satisfy others, so resolution runs to a fixed point.

import { Requirement, Role, type CompiledDictionary } from './compiled';
import type { Candidate } from './types';

export class PageContext {
  private readonly d: CompiledDictionary;
  private readonly entitySeen: Uint8Array;
  private readonly kindSeen: Uint8Array;
  private readonly contextSeen: Uint8Array;
  /** Ambiguous patterns met on the page and not (yet) satisfied. */
  private readonly pending = new Set<number>();
  private readonly satisfied = new Set<number>();

  constructor(dict: CompiledDictionary) {
    this.d = dict;
    this.entitySeen = new Uint8Array(dict.entities.length);
    this.kindSeen = new Uint8Array(dict.kinds.length);
    this.contextSeen = new Uint8Array(dict.contexts.length);
  }

  /** Takes in the candidates of one run of text. Returns true if the context grew. */
  observe(candidates: readonly Candidate[]): boolean {
    const d = this.d;
    let grew = false;
    for (const c of candidates) {
      const p = c.pattern;
      const role = d.patRole[p];
      if (role === Role.Context) {
        if (!this.contextSeen[d.patRef[p]!]) grew = true;
        this.contextSeen[d.patRef[p]!] = 1;
      } else if (role === Role.Mention) {
        if (d.reqStart[p] === d.reqStart[p + 1]) grew = this.see(d.patRef[p]!) || grew;
        else if (!this.satisfied.has(p)) this.pending.add(p);
      }
    }
    if (grew || this.pending.size > 0) grew = this.settle() || grew;
    return grew;
  }

  /** Whether a mention candidate counts as a mention on this page, as far as is known. */
  accepts(c: Candidate): boolean {
    const d = this.d;
    const p = c.pattern;
    if (d.patRole[p] !== Role.Mention) return false;
    return d.reqStart[p] === d.reqStart[p + 1] || this.satisfied.has(p);
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
      for (const p of this.pending) {
        if (!this.met(p)) continue;
        this.pending.delete(p);
        this.satisfied.add(p);
        grew = true;
        if (this.see(this.d.patRef[p]!)) changed = true;
      }
    }
    return grew;
  }

  private met(p: number): boolean {
    const d = this.d;
    for (let r = d.reqStart[p]!; r < d.reqStart[p + 1]!; r++) {
      const req = d.reqs[r]!;
      const index = req & 0xffffff;
      const type = req >>> 24;
      if (type === Requirement.Entity && this.entitySeen[index]) return true;
      if (type === Requirement.Kind && this.kindSeen[index]) return true;
      if (type === Requirement.Context && this.contextSeen[index]) return true;
    }
    return false;
  }
}
