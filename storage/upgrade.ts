// Schema upgrades that move data. Each runs inside Dexie's upgrade transaction, so it
// awaits only IndexedDB work; a failure rolls the whole upgrade back and the previous
// version stays as it was.

import type { Transaction } from 'dexie';
import { addressWithoutQuery, siteOf } from '../model';
import type { EditRecordV1, EntityRecord, EventRecord, PackRecord, SightingRecord } from './db';
import { withLookup } from './lookup';
import { USER_SPACE } from './pack-space';
import { writeInUpgrade } from './records';

/**
 * Version 1 → 2. What the user's packs brought moves into the user's id space (so no
 * later bundled pack can collide with it); the user's edits split into what each is (a
 * mute, a note on an entity), as records that can sync and are queued for it;
 * sightings lose their query strings and fragments (several addresses of one article
 * become one row); entities get the keys the popup looks them up by.
 */
export async function upgradeToV2(tx: Transaction): Promise<void> {
  const key = await moveUserPacks(tx);
  const edits = (await tx.table('edits').toArray()) as EditRecordV1[];
  for (const edit of edits) {
    const at = edit.updatedAt > 0 ? edit.updatedAt : Date.now();
    const entity = key(edit.entityId);
    if (edit.muted) await writeInUpgrade(tx, 'mute', entity, { entity }, at);
    if (edit.note && edit.note.trim() !== '') await writeInUpgrade(tx, 'entityNote', entity, { entity, body: edit.note }, at);
  }

  // Entities of installed packs get their lookup keys.
  await tx.table('entities').toCollection().modify((e: EntityRecord) => {
    e.lookup = withLookup(e).lookup;
  });

  const sightings = tx.table('sightings');
  const rows = (await sightings.toArray()) as Omit<SightingRecord, 'site'>[];
  const merged = new Map<string, SightingRecord>();
  for (const row of rows) {
    let url: string;
    try {
      url = addressWithoutQuery(row.url);
    } catch {
      continue;
    }
    const entity = key(row.entity);
    const id = `${url}\u0000${entity}`;
    const prev = merged.get(id);
    if (!prev) merged.set(id, { ...row, entity, url, site: siteOf(url) });
    else if (row.lastSeen > prev.lastSeen) merged.set(id, { ...row, entity, url, site: prev.site });
  }
  await sightings.clear();
  await sightings.bulkPut([...merged.values()]);
}

/**
 * Imported packs, their entities and events get user-space keys, and every reference
 * to one of those entities follows. Returns the new key of an entity id.
 */
async function moveUserPacks(tx: Transaction): Promise<(entity: string) => string> {
  const packs = tx.table('packs');
  const entities = tx.table('entities');
  const events = tx.table('events');
  const userPacks = ((await packs.toArray()) as PackRecord[]).filter((p) => p.origin === 'imported');
  if (userPacks.length === 0) return (id) => id;
  const userPackIds = new Set(userPacks.map((p) => p.id));
  const allEntities = (await entities.toArray()) as EntityRecord[];
  const userEntities = new Set(allEntities.filter((e) => userPackIds.has(e.packId)).map((e) => e.id));
  const key = (id: string): string => (userEntities.has(id) ? USER_SPACE + id : id);
  const requirement = (req: string): string =>
    req
      .split('+')
      .map((c) => (c.startsWith('entity:') ? `entity:${key(c.slice(7))}` : c))
      .join('+');

  await packs.bulkDelete([...userPackIds]);
  await packs.bulkPut(userPacks.map((p) => ({ ...p, id: USER_SPACE + p.id })));
  const movedEntities = allEntities.map((e) => ({
    ...e,
    id: key(e.id),
    packId: userPackIds.has(e.packId) ? USER_SPACE + e.packId : e.packId,
    aliases: e.aliases.map((a) => (a.requires ? { ...a, requires: a.requires.map(requirement) } : a)),
    related: e.related.map((r) => ({ ...r, entity: key(r.entity) })),
  }));
  await entities.clear();
  await entities.bulkPut(movedEntities);
  const allEvents = (await events.toArray()) as EventRecord[];
  await events.clear();
  await events.bulkPut(
    allEvents.map((ev) => ({
      ...ev,
      id: userPackIds.has(ev.packId) ? USER_SPACE + ev.id : ev.id,
      packId: userPackIds.has(ev.packId) ? USER_SPACE + ev.packId : ev.packId,
      entities: ev.entities.map(key),
    })),
  );
  // The cached matcher names entities by their old keys.
  await tx.table('kv').delete('dictionary');
  return key;
}
