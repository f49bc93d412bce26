// The compiled matcher for everything installed, cached in IndexedDB by the packs it
// was built from, so compiling happens once per pack change and never per page. A pack
// is only ever written together with the matcher it makes (storage/packs.ts), so what
// is installed always compiles and always fits in a message to a page.

import { compileDictionary, encodeDictionary } from '../engine';
import { mergeContexts, toDictionary } from '../knowledge/dictionary';
import { db, type EntityRecord, type PackRecord } from './db';

export interface StoredDictionary {
  signature: string;
  id: string;
  encoded: string;
}

export const DICTIONARY_KEY = 'dictionary';

/**
 * Largest encoded matcher Gloss sends to pages. Every tab receives and decodes it, and
 * extension messages stop at 64 MiB; the bundled pack takes about 0.2 MB.
 */
export const MAX_MATCHER_BYTES = 8 * 1024 * 1024;

export class MatcherTooLargeError extends Error {}

/** Which packs, in which versions, a compiled dictionary was built from. */
export function packSignature(packs: readonly PackRecord[]): string {
  return packs
    .map((p) => `${p.id}@${p.version}#${p.updatedAt}`)
    .sort()
    .join('|');
}

/**
 * Compiles what these packs and entities make. Throws DictionaryError when the matcher
 * cannot be built, MatcherTooLargeError when it would not fit the limit.
 */
export function buildDictionary(packs: readonly PackRecord[], entities: readonly EntityRecord[], limit = MAX_MATCHER_BYTES): StoredDictionary {
  // In key order, as the table returns them: the same packs compile to the same id.
  const sorted = [...entities].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const dict = compileDictionary(toDictionary(sorted, mergeContexts([...packs].sort((a, b) => (a.id < b.id ? -1 : 1)).map((p) => p.contexts))));
  const encoded = encodeDictionary(dict);
  if (encoded.length > limit) {
    throw new MatcherTooLargeError(
      `the matcher Gloss would send to every page would take ${megabytes(encoded.length)} MB, and at most ${megabytes(limit)} MB is allowed: ` +
        'remove aliases or inflected forms (each {…} group multiplies the forms of an alias)',
    );
  }
  return { signature: packSignature(packs), id: dict.id, encoded };
}

/** The compiled dictionary for the installed packs, built if the cache is stale. */
export async function currentDictionary(): Promise<StoredDictionary> {
  const packs = await db.packs.toArray();
  const signature = packSignature(packs);
  const cached = (await db.kv.get(DICTIONARY_KEY))?.value as StoredDictionary | undefined;
  if (cached && cached.signature === signature) return cached;
  let value: StoredDictionary;
  try {
    value = buildDictionary(packs, await db.entities.toArray());
  } catch (e) {
    // Data written before packs were compiled on import may not compile: pages keep
    // the last matcher that worked rather than none.
    if (cached) {
      console.warn('Gloss keeps its previous matcher:', e);
      return cached;
    }
    throw e;
  }
  await db.kv.put({ key: DICTIONARY_KEY, value });
  return value;
}

function megabytes(chars: number): string {
  return (chars / (1024 * 1024)).toFixed(1);
}
