// Which articles mentioned which entities, so the popup can say where else an entity
// was seen. Kept only in this browser.

import { db, type SightingRecord } from './db';

export interface PageMentionCount {
  entity: string;
  count: number;
}

export async function recordSightings(url: string, title: string, mentions: readonly PageMentionCount[]): Promise<void> {
  const now = Date.now();
  await db.transaction('rw', db.sightings, async () => {
    await db.sightings.where('url').equals(url).delete();
    await db.sightings.bulkPut(mentions.map((m) => ({ url, entity: m.entity, count: m.count, title, lastSeen: now })));
  });
}

/** Articles that mentioned an entity, most recent first. */
export async function sightingsOf(entity: string, limit = 10): Promise<SightingRecord[]> {
  const rows = await db.sightings.where('entity').equals(entity).toArray();
  rows.sort((a, b) => b.lastSeen - a.lastSeen);
  return rows.slice(0, limit);
}
