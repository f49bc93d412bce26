// Bundled packs and the user's packs live in separate id spaces: what a user's pack
// brings (the pack, its entities and events) is stored under this prefix and its own
// id, so nothing Gloss ships later can collide with it, and a user's pack may reuse an
// id Gloss itself uses. Bundled ids never start with the prefix.

export const USER_SPACE = 'u.';

export function userKey(id: string): string {
  return USER_SPACE + id;
}

/** A stored key as the pack file spells the id. */
export function ownId(key: string): string {
  return key.startsWith(USER_SPACE) ? key.slice(USER_SPACE.length) : key;
}
