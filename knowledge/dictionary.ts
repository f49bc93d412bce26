// Turns pack entities into the engine's dictionary input. The engine knows nothing of
// packs; this is the one place where the two vocabularies meet. Entities the user
// muted stay in the dictionary (they still give context to ambiguous aliases); the
// page just does not paint them.

import type { DictionaryInput, TermInput } from '../engine';
import type { Entity } from './schema';

export type MatchableEntity = Pick<Entity, 'id' | 'kind' | 'aliases' | 'falseFriends'>;

export function toDictionary(entities: Iterable<MatchableEntity>, contexts: Readonly<Record<string, readonly string[]>>): DictionaryInput {
  const list = [...entities];
  const ids = new Set(list.map((e) => e.id));
  // A requirement can point into a pack that was since removed; it then never holds.
  const holds = (req: string): boolean =>
    req
      .split('+')
      .every((c) => (c.startsWith('entity:') ? ids.has(c.slice(7)) : c.startsWith('context:') ? c.slice(8) in contexts : true));
  const terms: TermInput[] = [];
  const falseFriends: { entity: string; text: string }[] = [];
  for (const e of list) {
    for (const a of e.aliases) {
      const requires = a.requires?.filter(holds);
      if (requires && requires.length === 0) continue; // ambiguous with no possible context: never a mention
      terms.push({ entity: e.id, kind: e.kind, alias: a.text, caseSensitive: a.caseSensitive, requires });
    }
    for (const text of e.falseFriends ?? []) falseFriends.push({ entity: e.id, text });
  }
  return { terms, contexts, falseFriends };
}

/** Merges the context lists of several packs; lists with the same name are joined. */
export function mergeContexts(lists: Iterable<Readonly<Record<string, readonly string[]>> | undefined>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const list of lists) {
    for (const [name, words] of Object.entries(list ?? {})) out[name] = [...new Set([...(out[name] ?? []), ...words])];
  }
  return out;
}
