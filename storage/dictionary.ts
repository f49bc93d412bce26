// The compiled matcher for everything installed, cached in IndexedDB by the packs it
// was built from, so compiling happens once per pack change and never per page.

import { compileDictionary, encodeDictionary } from '../engine';
import { mergeContexts, toDictionary } from '../knowledge/dictionary';
import { db, type PackRecord } from './db';

export interface StoredDictionary {
  signature: string;
  id: string;
  encoded: string;
}

const KEY = 'dictionary';

/** Which packs, in which versions, a compiled dictionary was built from. */
function packSignature(packs: readonly PackRecord[]): string {
  return packs
    .map((p) => `${p.id}@${p.version}#${p.updatedAt}`)
    .sort()
    .join('|');
}

/** The compiled dictionary for the installed packs, built if the cache is stale. */
export async function currentDictionary(): Promise<StoredDictionary> {
  const packs = await db.packs.toArray();
  const signature = packSignature(packs);
  const cached = (await db.kv.get(KEY))?.value as StoredDictionary | undefined;
  if (cached && cached.signature === signature) return cached;
  const entities = await db.entities.toArray();
  const dict = compileDictionary(toDictionary(entities, mergeContexts(packs.map((p) => p.contexts))));
  const value: StoredDictionary = { signature, id: dict.id, encoded: encodeDictionary(dict) };
  await db.kv.put({ key: KEY, value });
  return value;
}
