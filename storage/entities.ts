// Reading entities, and what the user decided about them: mutes and their own notes.
// Mutes and entity notes are records that sync (storage/records.ts); an entity's id is
// the record's id, and un-muting or clearing a note leaves a tombstone.

import type { EntityNoteRecord } from '../model';
import { db, type EntityRecord } from './db';
import { lookupQuery } from './lookup';
import { writeRecord } from './records';

export function getEntity(id: string): Promise<EntityRecord | undefined> {
  return db.entities.get(id);
}

export async function getEntities(ids: readonly string[]): Promise<Map<string, EntityRecord>> {
  const rows = await db.entities.bulkGet([...ids]);
  return new Map(rows.filter((r): r is EntityRecord => r !== undefined).map((r) => [r.id, r]));
}

/** Entities whose names or aliases (or a word of them) start with what the user typed. */
export async function lookupEntities(query: string, limit = 8): Promise<EntityRecord[]> {
  const q = lookupQuery(query);
  if (q.length < 2) return [];
  // A word such as "nvidia" starts the names of many entities; read a few more than
  // asked, and list first those whose own name starts with the query, shortest first.
  const ids = new Set<string>();
  await db.entities
    .where('lookup')
    .startsWith(q)
    .until(() => ids.size >= limit * 8)
    .eachPrimaryKey((id) => void ids.add(id as string));
  const found = (await db.entities.bulkGet([...ids])).filter((e): e is EntityRecord => e !== undefined);
  const rank = (e: EntityRecord) =>
    Math.min(...Object.values(e.names).map((n) => (lookupQuery(n).startsWith(q) ? n.length : 1000 + n.length)));
  return found.sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id)).slice(0, limit);
}

/** Entities the user chose not to see highlighted. */
export async function mutedEntities(): Promise<Set<string>> {
  const rows = await db.mutes.toArray();
  return new Set(rows.filter((r) => !r.deleted).map((r) => r.id));
}

export async function isMuted(entityId: string): Promise<boolean> {
  const row = await db.mutes.get(entityId);
  return row !== undefined && !row.deleted;
}

export async function setMuted(entityId: string, muted: boolean): Promise<void> {
  const row = await db.mutes.get(entityId);
  if (muted === (row !== undefined && !row.deleted)) return;
  await writeRecord('mute', entityId, muted ? { entity: entityId, deleted: false } : { deleted: true });
}

/** The user's own note on an entity, if they wrote one. */
export async function getEntityNote(entityId: string): Promise<EntityNoteRecord | undefined> {
  const row = await db.entityNotes.get(entityId);
  return row && !row.deleted ? row : undefined;
}

/** Saves the user's note on an entity; an empty note is a deletion. */
export async function setEntityNote(entityId: string, body: string): Promise<void> {
  const row = await db.entityNotes.get(entityId);
  const empty = body.trim() === '';
  if (empty && (!row || row.deleted)) return;
  if (!empty && row && !row.deleted && row.body === body) return;
  await writeRecord('entityNote', entityId, empty ? { deleted: true } : { entity: entityId, body, deleted: false });
}
