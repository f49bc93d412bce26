// Which articles mentioned which entities, so the popup can say where else an entity
// was seen. This is reading history, so Gloss keeps the least: the article's address
// without query string or fragment, its title, counts and the last time; nothing from
// private windows (the background checks); a retention limit; and the reader can see
// it per site, clear it, or turn it off.

import { addressWithoutQuery, siteOf } from '../model';
import { db, type SightingRecord } from './db';

export interface PageMentionCount {
  entity: string;
  count: number;
}

export interface SightingSettings {
  /** Whether Gloss keeps the "seen on" list at all. */
  enabled: boolean;
  /** Rows older than this many days are dropped. */
  retentionDays: number;
}

export const DEFAULT_SIGHTING_SETTINGS: SightingSettings = { enabled: true, retentionDays: 90 };
const SETTINGS_KEY = 'sightings.settings';
const DAY_MS = 24 * 60 * 60 * 1000;

export async function sightingSettings(): Promise<SightingSettings> {
  const stored = (await db.kv.get(SETTINGS_KEY))?.value as Partial<SightingSettings> | undefined;
  return { ...DEFAULT_SIGHTING_SETTINGS, ...(stored ?? {}) };
}

/** Changes the settings; turning the list off also clears it. */
export async function setSightingSettings(next: Partial<SightingSettings>): Promise<SightingSettings> {
  return db.transaction('rw', db.kv, db.sightings, async () => {
    const settings = { ...(await sightingSettings()), ...next };
    await db.kv.put({ key: SETTINGS_KEY, value: settings });
    if (!settings.enabled) await db.sightings.clear();
    else await pruneSightings(settings.retentionDays);
    return settings;
  });
}

/** Records what an article mentions (replacing what was recorded for it before). */
export async function recordSightings(url: string, title: string, mentions: readonly PageMentionCount[], now = Date.now()): Promise<number> {
  const address = addressWithoutQuery(url);
  const site = siteOf(address);
  return db.transaction('rw', db.sightings, db.kv, async () => {
    const settings = await sightingSettings();
    if (!settings.enabled) return 0;
    await db.sightings.where('url').equals(address).delete();
    await db.sightings.bulkPut(mentions.map((m) => ({ url: address, entity: m.entity, count: m.count, title, lastSeen: now, site })));
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
  if (site === undefined) {
    const n = await db.sightings.count();
    await db.sightings.clear();
    return n;
  }
  return db.sightings.where('site').equals(site).delete();
}

/** Drops rows older than the retention limit. */
export async function pruneSightings(retentionDays?: number, now = Date.now()): Promise<number> {
  const days = retentionDays ?? (await sightingSettings()).retentionDays;
  return db.sightings.where('lastSeen').below(now - days * DAY_MS).delete();
}
