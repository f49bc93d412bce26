// The compiled matcher for everything installed, cached in IndexedDB by the packs it
// was built from, so compiling happens once per pack change and never per page.

import { compileDictionary, encodeDictionary } from '../engine';
import { mergeContexts, toDictionary } from '../knowledge/dictionary';
import { db } from './db';

export interface StoredDictionary {
  signature: string;
  id: string;
  encoded: string;
}

const KEY = 'dictionary';

export async function packSignature(): Promise<string> {
  const packs = await db.packs.toArray();
  return packs
    .map((p) => `${p.id}@${p.version}#${p.updatedAt}`)
    .sort()
    .join('|');
}

/** The compiled dictionary for the installed packs, built if the cache is stale. */
export async function currentDictionary(): Promise<StoredDictionary> {
  const signature = await packSignature();
  const cached = (await db.kv.get(KEY))?.value as StoredDictionary | undefined;
  if (cached && cached.signature === signature) return cached;
  const [packs, entities] = await Promise.all([db.packs.toArray(), db.entities.toArray()]);
  const dict = compileDictionary(toDictionary(entities, mergeContexts(packs.map((p) => p.contexts))));
  const value: StoredDictionary = { signature, id: dict.id, encoded: encodeDictionary(dict) };
  await db.kv.put({ key: KEY, value });
  return value;
}
