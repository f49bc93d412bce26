// Schema upgrades that move data. Each runs inside Dexie's upgrade transaction, so it
// awaits only IndexedDB work; a failure rolls the whole upgrade back and the previous
// version stays as it was.

import type { Transaction } from 'dexie';
import { addressWithoutQuery, siteOf } from '../model';
import type { EditRecordV1, EntityRecord, SightingRecord } from './db';
import { withLookup } from './lookup';
import { writeInUpgrade } from './records';

/**
 * Version 1 → 2. The user's edits split into what each is (a mute, a note on an
 * entity), as records that can sync and are queued for it; sightings lose their query
 * strings and fragments (several addresses of one article become one row); entities
 * get the keys the popup looks them up by.
 */
export async function upgradeToV2(tx: Transaction): Promise<void> {
  const edits = (await tx.table('edits').toArray()) as EditRecordV1[];
  for (const edit of edits) {
    const at = edit.updatedAt > 0 ? edit.updatedAt : Date.now();
    if (edit.muted) await writeInUpgrade(tx, 'mute', edit.entityId, { entity: edit.entityId }, at);
    if (edit.note && edit.note.trim() !== '') await writeInUpgrade(tx, 'entityNote', edit.entityId, { entity: edit.entityId, body: edit.note }, at);
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
    const key = `${url}\u0000${row.entity}`;
    const prev = merged.get(key);
    if (!prev) merged.set(key, { ...row, url, site: siteOf(url) });
    else if (row.lastSeen > prev.lastSeen) merged.set(key, { ...row, url, site: prev.site });
  }
  await sightings.clear();
  await sightings.bulkPut([...merged.values()]);
}
