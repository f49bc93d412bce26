// The one IndexedDB database, owned by the extension's own pages and background.
// Content scripts never open it (they would get the page's origin); they ask the
// background. Tables: one module each beside this file. Versions are only ever added,
// each with an upgrade and a test that upgrades real data from the one before.

import Dexie, { type EntityTable } from 'dexie';
import type { Kind } from '../knowledge/schema';

export type LocalText = Record<string, string>;

/** A source as stored: resolved from the pack's source list into the records citing it. */
export interface SourceRef {
  url: string;
  publisher: string;
  published: string;
  title?: string;
  lang?: string;
}

export interface PackRecord {
  id: string;
  version: string;
  name: string;
  description?: string;
  publisher?: string;
  /** Bundled packs come with Gloss; imported ones are the user's and only the user removes them. */
  origin: 'bundled' | 'imported';
  contexts: Record<string, string[]>;
  entityCount: number;
  eventCount: number;
  installedAt: number;
  updatedAt: number;
}

export interface AliasRecord {
  text: string;
  lang: string | string[];
  caseSensitive?: boolean;
  requires?: string[];
}

export interface EntityRecord {
  id: string;
  packId: string;
  kind: Kind;
  names: LocalText;
  summary: LocalText;
  aliases: AliasRecord[];
  falseFriends?: string[];
  facts: { text: LocalText; sources: SourceRef[] }[];
  related: { entity: string; relation: string }[];
  sources: SourceRef[];
}

export interface EventRecord {
  id: string;
  packId: string;
  date: string;
  title: LocalText;
  summary?: LocalText;
  status: 'confirmed' | 'reported';
  entities: string[];
  sources: SourceRef[];
}

/** What the user changed about an entity; kept across every pack update. */
export interface EditRecord {
  entityId: string;
  /** Not highlighted on pages (still counted as context). */
  muted?: boolean;
  /** The user's own note on the entity. */
  note?: string;
  updatedAt: number;
}

/** That an article mentioned an entity: the popup's "seen on" list. */
export interface SightingRecord {
  url: string;
  entity: string;
  count: number;
  title: string;
  lastSeen: number;
}

export interface KvRecord {
  key: string;
  value: unknown;
}

export class GlossDatabase extends Dexie {
  packs!: EntityTable<PackRecord, 'id'>;
  entities!: EntityTable<EntityRecord, 'id'>;
  events!: EntityTable<EventRecord, 'id'>;
  edits!: EntityTable<EditRecord, 'entityId'>;
  sightings!: Dexie.Table<SightingRecord, [string, string]>;
  kv!: EntityTable<KvRecord, 'key'>;

  constructor(name = 'gloss') {
    super(name);
    this.version(1).stores({
      packs: '&id, origin',
      entities: '&id, packId, kind',
      events: '&id, packId, date, *entities',
      edits: '&entityId',
      sightings: '[url+entity], url, entity, lastSeen',
      kv: '&key',
    });
  }
}

export const db = new GlossDatabase();
