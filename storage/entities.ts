// Reading entities, and the user's edits to them.

import { db, type EditRecord, type EntityRecord } from './db';

export function getEntity(id: string): Promise<EntityRecord | undefined> {
  return db.entities.get(id);
}

export async function getEntities(ids: readonly string[]): Promise<Map<string, EntityRecord>> {
  const rows = await db.entities.bulkGet([...ids]);
  return new Map(rows.filter((r): r is EntityRecord => r !== undefined).map((r) => [r.id, r]));
}

export function allEntities(): Promise<EntityRecord[]> {
  return db.entities.toArray();
}

export function getEdit(entityId: string): Promise<EditRecord | undefined> {
  return db.edits.get(entityId);
}

export async function mutedEntities(): Promise<Set<string>> {
  const rows = await db.edits.filter((e) => e.muted === true).toArray();
  return new Set(rows.map((r) => r.entityId));
}

export async function setMuted(entityId: string, muted: boolean): Promise<void> {
  await db.transaction('rw', db.edits, async () => {
    const edit = (await db.edits.get(entityId)) ?? { entityId, updatedAt: 0 };
    await db.edits.put({ ...edit, muted, updatedAt: Date.now() });
  });
}

export async function setEntityNote(entityId: string, note: string): Promise<void> {
  await db.transaction('rw', db.edits, async () => {
    const edit = (await db.edits.get(entityId)) ?? { entityId, updatedAt: 0 };
    await db.edits.put({ ...edit, note: note.trim() === '' ? undefined : note, updatedAt: Date.now() });
  });
}
