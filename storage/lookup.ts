// Looking entities up by name as the user types, from an index: every name and alias
// of an entity, and every word in them, folded the way the matcher folds text, so
// "nvid", "Νβίντια" or "英伟" find what they start. A lookup reads only matching keys.

import { expandForms, foldString } from '../engine';
import type { AliasRecord, EntityRecord, LocalText } from './db';

const MAX_KEYS = 60;

/** The lookup keys of an entity's names and aliases. */
export function lookupKeys(names: LocalText, aliases: readonly AliasRecord[]): string[] {
  const keys = new Set<string>();
  const add = (text: string) => {
    const folded = foldString(text).trim();
    if (!folded) return;
    keys.add(folded);
    for (const word of folded.split(/[\s\-/.,()]+/)) if (word.length >= 2 && word !== folded) keys.add(word);
  };
  for (const name of Object.values(names)) add(name);
  for (const alias of aliases) {
    let forms: string[];
    try {
      forms = expandForms(alias.text);
    } catch {
      forms = [alias.text];
    }
    for (const form of forms.slice(0, 4)) add(form);
  }
  return [...keys].slice(0, MAX_KEYS);
}

export function withLookup<T extends Omit<EntityRecord, 'lookup'>>(entity: T): T & { lookup: string[] } {
  return { ...entity, lookup: lookupKeys(entity.names, entity.aliases) };
}

/** The folded form of what the user typed, as lookup keys are stored. */
export function lookupQuery(query: string): string {
  return foldString(query).trim();
}
