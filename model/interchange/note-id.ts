// Ids for notes that come from other annotation tools. Their ids are IRIs of any
// length; a Gloss note id is 26 characters of [0-9a-z]. Hashing the IRI gives the same
// note id on every import and every device, so importing the same file twice (or on
// two browsers that later sync) finds the notes already there instead of doubling them.

import { sha256Hex } from '../ids';

/** The base-32 alphabet of Gloss's own ids (ids.ts): lower-case, no i, l, o or u. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** 26 characters from the first 130 bits of a hex digest. */
function hexToId(hex: string): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const digit of hex) {
    value = ((value << 4) | parseInt(digit, 16)) & 0xff;
    bits += 4;
    if (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
      if (out.length === 26) break;
    }
  }
  return out;
}

/** The note id for a foreign annotation's IRI. */
export async function noteIdForIri(iri: string): Promise<string> {
  // The prefix keeps these ids apart from any other use of the same hash.
  return hexToId(await sha256Hex(`gloss:note-from:${iri}`));
}

/** JSON with object keys sorted, so equal content gives equal text whatever order a tool wrote it in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
