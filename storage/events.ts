// Reading the dated events that form an entity's timeline.

import { db, type EventRecord } from './db';

/** An entity's events, newest first. */
export async function timeline(entityId: string, limit?: number): Promise<EventRecord[]> {
  const rows = await db.events.where('entities').equals(entityId).toArray();
  rows.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.id.localeCompare(b.id)));
  return limit === undefined ? rows : rows.slice(0, limit);
}
