// How much Gloss highlights, per site and everywhere: records that sync (model/records.ts
// "siteSetting"). The record "*" holds the global pause, the highlight mode and the
// kinds shown; a site's own record says whether Gloss is off on that site.

import { siteOf, type SiteSettingRecord } from '../model';
import { db } from './db';
import { writeRecord } from './records';

export interface EffectiveSettings {
  /** Gloss reads nothing on this site (the reader turned it off here). */
  siteOff: boolean;
  /** Gloss is paused everywhere. */
  paused: boolean;
  /** Every mention, or only the first of each entity. */
  mode: 'all' | 'first';
  /** Kinds of entity not highlighted. */
  hiddenKinds: string[];
}

export const EVERYWHERE = '*';

export interface SettingsChange {
  off?: boolean;
  mode?: 'all' | 'first';
  hiddenKinds?: string[];
}

/** The site a page address belongs to, as settings name it. */
export function settingsSite(url: string): string {
  return siteOf(url);
}

function live(r: SiteSettingRecord | undefined): SiteSettingRecord | undefined {
  return r && !r.deleted ? r : undefined;
}

/** What applies on a site: whether it is off there, and the choices made for every site. */
export async function effectiveSettings(site: string): Promise<EffectiveSettings> {
  const [all, own] = (await db.siteSettings.bulkGet([EVERYWHERE, site])).map(live);
  return {
    siteOff: site !== EVERYWHERE && own?.off === true,
    paused: all?.off === true,
    mode: all?.mode ?? 'all',
    hiddenKinds: all?.hiddenKinds ?? [],
  };
}

/** A site's own record (or "*"), if the reader made one. */
export async function siteSetting(site: string): Promise<SiteSettingRecord | undefined> {
  return live(await db.siteSettings.get(site));
}

/** Changes what applies on a site (or, for "*", everywhere). */
export async function setSiteSetting(site: string, change: SettingsChange): Promise<SiteSettingRecord> {
  return db.transaction('rw', db.siteSettings, db.outbox, db.kv, async () => {
    const current = live(await db.siteSettings.get(site));
    const fields = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) as SettingsChange;
    return writeRecord('siteSetting', site, current ? { ...fields } : { site, ...fields, deleted: false });
  });
}
