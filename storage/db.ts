// The one IndexedDB database, owned by the extension's own pages and background.
// Content scripts never open it (they would get the page's origin); they ask the
// background. Tables: one module each beside this file. Versions are only ever added,
// each with an upgrade and a test that upgrades real data from the one before.

import Dexie, { type EntityTable } from 'dexie';
import type { Kind } from '../knowledge/schema';
import type {
  ArticleRecord,
  EntityNoteRecord,
  Hlc,
  MuteRecord,
  NoteRecord,
  PackSyncRecord,
  RecordType,
  RevisionRecord,
  SiteSettingRecord,
} from '../model';
import { upgradeToV2 } from './upgrade';

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
  /** The pack file asks that its mentions are not painted on pages (docs/decisions/0010-hostile-pages-and-private-packs.md). */
  privateInFile?: boolean;
  /** The user asked the same, in this browser. */
  privateByUser?: boolean;
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
  /** Folded names, aliases and their words, for looking the entity up as the user types. */
  lookup?: string[];
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

/** Version 1 only: what the user changed about an entity (now `mutes` and `entityNotes`). */
export interface EditRecordV1 {
  entityId: string;
  /** Not highlighted on pages (still counted as context). */
  muted?: boolean;
  /** The user's own note on the entity. */
  note?: string;
  updatedAt: number;
}

/** That an article mentioned an entity: the popup's "seen on" list. */
export interface SightingRecord {
  /** The article's address without query string or fragment. */
  url: string;
  entity: string;
  count: number;
  title: string;
  lastSeen: number;
  /** Host without "www.", so a site's history can be cleared. */
  site: string;
}

/** A note as kept locally: the synced record plus what lists and search need. */
export interface LocalNote extends NoteRecord {
  /** 1 while the note is not deleted (IndexedDB cannot index booleans). */
  live: 0 | 1;
  /** Folded words (and two-character runs of CJK text) of the note, quote and tags, for search. */
  terms: string[];
  /** "t:<tag>" and "e:<entity>" of a live note, for filters and the lists of tags and entities in use. */
  facets: string[];
}

export interface LocalArticle extends ArticleRecord {
  live: 0 | 1;
}

/** A change waiting to reach the sync server: what changed, when, on which device. */
export interface OutboxEntry {
  /** Increases with every change; the mutation id the server applies once. */
  seq?: number;
  type: RecordType;
  record: string;
  /** The fields this change set. */
  fields: Record<string, unknown>;
  hlc: Hlc;
  /** For text kept on conflict: the clock of the version this edit started from. */
  base?: Record<string, Hlc | null>;
  device: string;
  /** Wall time of the change, ms. */
  at: number;
}

export interface KvRecord {
  key: string;
  value: unknown;
}

export class GlossDatabase extends Dexie {
  packs!: EntityTable<PackRecord, 'id'>;
  entities!: EntityTable<EntityRecord, 'id'>;
  events!: EntityTable<EventRecord, 'id'>;
  sightings!: Dexie.Table<SightingRecord, [string, string]>;
  kv!: EntityTable<KvRecord, 'key'>;
  articles!: EntityTable<LocalArticle, 'id'>;
  notes!: EntityTable<LocalNote, 'id'>;
  entityNotes!: EntityTable<EntityNoteRecord, 'id'>;
  mutes!: EntityTable<MuteRecord, 'id'>;
  siteSettings!: EntityTable<SiteSettingRecord, 'id'>;
  packFiles!: EntityTable<PackSyncRecord, 'id'>;
  revisions!: EntityTable<RevisionRecord, 'id'>;
  outbox!: EntityTable<OutboxEntry, 'seq'>;

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
    // Version 2 (notes and sync): the user's edits become records that can travel
    // (mutes, entity notes), articles and their notes arrive, every change to those is
    // queued in the outbox, and reading history keeps no query strings.
    this.version(2)
      .stores({
        edits: null,
        entities: '&id, packId, kind, *lookup',
        sightings: '[url+entity], url, entity, site, lastSeen, [entity+lastSeen], [site+lastSeen]',
        articles: '&id, site, updatedAt, [live+updatedAt]',
        notes: '&id, articleId, [articleId+createdAt], [live+updatedAt], [live+createdAt], *facets, *terms',
        entityNotes: '&id',
        mutes: '&id',
        siteSettings: '&id',
        packFiles: '&id',
        revisions: '&id, targetId',
        outbox: '++seq, [type+record]',
      })
      .upgrade((tx) => upgradeToV2(tx));
  }
}

export const db = new GlossDatabase();
