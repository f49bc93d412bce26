// Which articles mentioned which entities, so the popup can say where else an entity
// was seen. This is reading history, so Gloss keeps the least: the article's address
// without query string or fragment, its title, counts and the last time; nothing from
// private windows (the background checks); a retention limit; and the reader can see
// it per site, clear it, or turn it off.

import { addressWithoutQuery, sightingId, siteOf, type Change } from '../model';
import { db, type SightingRecord } from './db';
import { queueChanges } from './records';

export interface PageMentionCount {
  entity: string;
  count: number;
}

export interface SightingSettings {
  /** Whether Gloss keeps the "seen on" list at all. */
  enabled: boolean;
  /** Rows older than this many days are dropped. */
  retentionDays: number;
  /** Whether the list travels to the reader's other browsers when sync is on (off unless they choose it). */
  sync: boolean;
}

export const DEFAULT_SIGHTING_SETTINGS: SightingSettings = { enabled: true, retentionDays: 90, sync: false };

function asRecord(row: SightingRecord): { record: string; fields: Record<string, unknown> } {
  return {
    record: sightingId(row.url, row.entity),
    fields: { url: row.url, entity: row.entity, count: row.count, title: row.title, lastSeen: row.lastSeen, createdAt: row.lastSeen, deleted: false },
  };
}

function tombstone(row: Pick<SightingRecord, 'url' | 'entity'>): { record: string; fields: Record<string, unknown> } {
  return { record: sightingId(row.url, row.entity), fields: { deleted: true } };
}

/** Queues reading-history changes for sync, when the reader asked for their history to sync. */
async function share(settings: SightingSettings, changes: { record: string; fields: Record<string, unknown> }[]): Promise<void> {
  if (settings.sync) await queueChanges('sighting', changes);
}
const SETTINGS_KEY = 'sightings.settings';
const DAY_MS = 24 * 60 * 60 * 1000;

export async function sightingSettings(): Promise<SightingSettings> {
  const stored = (await db.kv.get(SETTINGS_KEY))?.value as Partial<SightingSettings> | undefined;
  return { ...DEFAULT_SIGHTING_SETTINGS, ...(stored ?? {}) };
}

/** Changes the settings; turning the list off also clears it; turning its sync on sends what is kept. */
export async function setSightingSettings(next: Partial<SightingSettings>): Promise<SightingSettings> {
  return db.transaction('rw', db.kv, db.sightings, db.outbox, async () => {
    const before = await sightingSettings();
    const settings = { ...before, ...next };
    await db.kv.put({ key: SETTINGS_KEY, value: settings });
    if (!settings.enabled) {
      await share(before, (await db.sightings.toArray()).map(tombstone));
      await db.sightings.clear();
    } else await pruneSightings(settings.retentionDays);
    if (settings.enabled && settings.sync && !before.sync) await share(settings, (await db.sightings.toArray()).map(asRecord));
    return settings;
  });
}

/** Records what an article mentions (replacing what was recorded for it before). */
export async function recordSightings(url: string, title: string, mentions: readonly PageMentionCount[], now = Date.now()): Promise<number> {
  const address = addressWithoutQuery(url);
  const site = siteOf(address);
  return db.transaction('rw', db.sightings, db.kv, db.outbox, async () => {
    const settings = await sightingSettings();
    if (!settings.enabled) return 0;
    const rows = mentions.map((m) => ({ url: address, entity: m.entity, count: m.count, title, lastSeen: now, site }));
    const gone = (await db.sightings.where('url').equals(address).toArray()).filter((r) => !mentions.some((m) => m.entity === r.entity));
    await db.sightings.where('url').equals(address).delete();
    await db.sightings.bulkPut(rows);
    await share(settings, [...gone.map(tombstone), ...rows.map(asRecord)]);
    return mentions.length;
  });
}

/** Articles that mentioned an entity, most recent first; reads only the rows shown. */
export async function sightingsOf(entity: string, limit = 10): Promise<SightingRecord[]> {
  return db.sightings
    .where('[entity+lastSeen]')
    .between([entity, -Infinity], [entity, Infinity])
    .reverse()
    .limit(limit)
    .toArray();
}

export async function countSightingsOf(entity: string): Promise<number> {
  return db.sightings.where('entity').equals(entity).count();
}

/** What is kept, per site: how many articles and mentions rows, and the last visit. */
export async function sightingSites(): Promise<{ site: string; rows: number; lastSeen: number }[]> {
  const sites = (await db.sightings.orderBy('site').uniqueKeys()) as string[];
  return Promise.all(
    sites.map(async (site) => {
      const [rows, last] = await Promise.all([
        db.sightings.where('site').equals(site).count(),
        db.sightings.where('[site+lastSeen]').between([site, -Infinity], [site, Infinity]).last(),
      ]);
      return { site, rows, lastSeen: last?.lastSeen ?? 0 };
    }),
  );
}

/** Clears the history of one site, or of every site. Returns how many rows went. */
export async function clearSightings(site?: string): Promise<number> {
  return db.transaction('rw', db.sightings, db.kv, db.outbox, async () => {
    const settings = await sightingSettings();
    const rows = () => (site === undefined ? db.sightings.toCollection() : db.sightings.where('site').equals(site));
    await share(settings, settings.sync ? (await rows().toArray()).map(tombstone) : []);
    return rows().delete();
  });
}

/**
 * Reading history from another browser (only when this one keeps its list and syncs it):
 * the later visit of an article wins; a deletion removes the row.
 */
export async function applyRemoteSightings(changes: readonly Change[]): Promise<number> {
  const ours = changes.filter((c) => c.type === 'sighting');
  if (ours.length === 0) return 0;
  const settings = await sightingSettings();
  if (!settings.enabled || !settings.sync) return 0;
  let changed = 0;
  for (const c of ours) {
    const f = c.fields as Partial<SightingRecord> & { deleted?: boolean };
    const cut = c.record.indexOf('|');
    const entity = f.entity ?? c.record.slice(0, cut);
    const url = f.url ?? c.record.slice(cut + 1);
    if (!url || !entity) continue;
    const current = await db.sightings.get([url, entity]);
    if (f.deleted) {
      if (current) {
        await db.sightings.delete([url, entity]);
        changed++;
      }
      continue;
    }
    if (typeof f.lastSeen !== 'number' || (current && current.lastSeen >= f.lastSeen)) continue;
    let address: string;
    try {
      address = addressWithoutQuery(url);
    } catch {
      continue;
    }
    // Shown as a link in the extension's pages: only web addresses (records.ts checks the id too).
    if (!/^https?:\/\//.test(address)) continue;
    await db.sightings.put({ url: address, entity, count: f.count ?? 1, title: f.title ?? '', lastSeen: f.lastSeen, site: siteOf(address) });
    changed++;
  }
  return changed;
}

/** Drops rows older than the retention limit. */
export async function pruneSightings(retentionDays?: number, now = Date.now()): Promise<number> {
  const days = retentionDays ?? (await sightingSettings()).retentionDays;
  return db.sightings.where('lastSeen').below(now - days * DAY_MS).delete();
}
