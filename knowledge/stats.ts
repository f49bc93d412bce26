// Counts that describe a pack, as `npm run pack:stats` prints them.

import type { Pack } from './schema';

export interface PackStats {
  entities: Record<string, number>;
  events: number;
  eventsWithSource: number;
  aliasLanguages: Record<string, number>;
  summaryLanguages: Record<string, number>;
}

export function packStats(packs: readonly Pack[]): PackStats {
  const entities: Record<string, number> = {};
  const aliasLanguages: Record<string, number> = {};
  const summaryLanguages: Record<string, number> = {};
  let events = 0;
  let eventsWithSource = 0;
  const bump = (map: Record<string, number>, key: string): void => {
    map[key] = (map[key] ?? 0) + 1;
  };
  for (const pack of packs) {
    const sources = new Map(pack.sources.map((s) => [s.id, s]));
    for (const e of pack.entities) {
      bump(entities, e.kind);
      for (const a of e.aliases) for (const lang of Array.isArray(a.lang) ? a.lang : [a.lang]) bump(aliasLanguages, lang);
      for (const lang of Object.keys(e.summary)) bump(summaryLanguages, lang);
    }
    for (const ev of pack.events) {
      events++;
      if (ev.sources.some((id) => sources.get(id)?.url.startsWith('https://') && sources.get(id)?.published)) eventsWithSource++;
    }
  }
  return { entities, events, eventsWithSource, aliasLanguages, summaryLanguages };
}
