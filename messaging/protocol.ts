// Every message between Gloss's contexts, declared once and typed both ways. Requests
// named "page.*" come from content scripts, which the background does not trust; those
// named "ui.*" are privileged and accepted only from the extension's own pages. The
// background validates every payload (schemas.ts) before a handler sees it.

import type { Kind } from '../knowledge/schema';
import type { TextPosition, TextQuote } from '../model';

export interface CardSource {
  url: string;
  publisher: string;
  published: string;
}

export interface CardEvent {
  date: string;
  title: string;
  status: 'confirmed' | 'reported';
  /** Language of the title. */
  lang?: string;
  sources: CardSource[];
}

/** What a hover card shows, in the reader's language where the pack has it. */
export interface CardData {
  id: string;
  kind: Kind;
  name: string;
  /** Language of `name`. */
  nameLang?: string;
  summary: string;
  /** Language of `summary` (the browser's, or "en"). */
  lang: string;
  facts: string[];
  /** Language of each fact. */
  factLangs?: string[];
  /** Latest events first. */
  events: CardEvent[];
  eventCount: number;
  related: { id: string; name: string; relation: string }[];
}

export interface PageMention {
  entity: string;
  count: number;
  /** The first text seen for it on the page, e.g. "ελέγχους εξαγωγών". */
  text: string;
}

/** What a page says about itself in its metadata; the background decides what to believe. */
export interface PageMeta {
  canonical?: string;
  ogUrl?: string;
  published?: string;
  lang?: string;
}

/** The article a tab shows, as the background derived it. */
export interface TabArticle {
  id: string;
  url: string;
  site: string;
  title: string;
  published: string | null;
  lang: string | null;
}

export interface TabMentions {
  url: string;
  title: string;
  mentions: PageMention[];
  updatedAt: number;
  article?: TabArticle;
  /** Anchored notes whose quote the page no longer has. */
  orphaned?: string[];
}

/** A note as the page needs it: to find its quote, paint it and show it on hover. */
export interface PageNote {
  id: string;
  body: string;
  tags: string[];
  entities: string[];
  quote: TextQuote | null;
  position: TextPosition | null;
  createdAt: number;
  updatedAt: number;
}

export interface AnchorRequest {
  id: string;
  exact: string;
  prefix: string;
  suffix: string;
  /** Where the quote was when it was written, if known. */
  start: number | null;
}

export type NotesImportReply =
  | { ok: true; format: 'gloss' | 'jsonld'; added: number; restored: number; duplicates: number }
  | { ok: false; issues: PackIssueReply[] };

/** What applies on a page's site: see storage/site-settings.ts. */
export interface EffectiveSettingsReply {
  siteOff: boolean;
  paused: boolean;
  mode: 'all' | 'first';
  hiddenKinds: string[];
}

export interface SiteSettingsReply {
  /** The tab's site ("example.com"), or null for a page Gloss does not read. */
  site: string | null;
  effective: EffectiveSettingsReply | null;
  /** The defaults for every site (record "*"). */
  everywhere: { off: boolean; mode: 'all' | 'first'; hiddenKinds: string[] };
}

/** Why Gloss has (or has not) read a tab, for the popup to say so honestly. */
export interface TabStatusReply {
  /** The content script reported what the page mentions. */
  reported: boolean;
  /** The site the tab's content script ran on, if it ran (also when Gloss is off there). */
  site: string | null;
  /** The tab was open before Gloss was installed or updated and has not loaded a page since. */
  openBeforeInstall: boolean;
}

export interface SyncStatusReply {
  configured: boolean;
  url?: string;
  lastSync?: number;
  lastError?: string;
  lastErrorAt?: number;
  nextAttemptAt?: number;
  /** Changes waiting to reach the server. */
  pending: number;
  /** Changes the server refused as invalid (kept locally). */
  rejected: { type: string; record: string; reason: string }[];
}

export interface SightingSettingsReply {
  enabled: boolean;
  retentionDays: number;
  /** Whether the list syncs (only when sync is on). */
  sync: boolean;
}

export interface PackIssueReply {
  path: string;
  message: string;
}

export type ImportReply = { ok: true; id: string; version: string; replaced: boolean } | { ok: false; issues: PackIssueReply[] };

export interface Protocol {
  /**
   * The compiled matcher for the installed packs, the entities the user muted, and the
   * entities of private packs (found and listed, never painted).
   */
  'page.dictionary': { request: Record<string, never>; response: { id: string; encoded: string; muted: string[]; hidden: string[]; settings: EffectiveSettingsReply } };
  /** Card contents for one entity. */
  'page.card': { request: { entity: string; lang: string }; response: CardData | null };
  /** What the page mentions, for the popup. */
  'page.mentions': { request: { title: string; mentions: PageMention[]; meta?: PageMeta }; response: { stored: number } };
  /** This page's article and the notes on it (only ever the sender's own article). */
  'page.notes': { request: { meta: PageMeta }; response: { articleId: string; notes: PageNote[] } };
  /** A note on this page's article, from the composer on the page. */
  'page.addNote': {
    request: { meta: PageMeta; title: string; body: string; tags: string[]; entities: string[]; quote: TextQuote | null; position: TextPosition | null };
    response: { id: string };
  };
  /** Which notes' quotes were found on the page and which were not. */
  'page.noteStatus': { request: { orphaned: string[] }; response: { stored: number } };
  /**
   * Finds notes' quotes approximately in page text that was edited since they were
   * written: only the sender site's live notes named by id, each once, by their stored quote.
   */
  'page.anchor': { request: { text: string; quotes: AnchorRequest[] }; response: { found: { id: string; start: number; end: number }[] } };

  'ui.tabMentions': { request: { tabId: number }; response: TabMentions | null };
  /** Whether Gloss read a tab, and if not, why (see TabStatusReply). */
  'ui.tabStatus': { request: { tabId: number }; response: TabStatusReply };
  'ui.importPack': { request: { json: string }; response: ImportReply };
  'ui.removePack': { request: { id: string }; response: { removed: string } };
  /** Marks one of the user's packs private (its mentions are not painted on pages) or not. */
  'ui.setPackPrivate': { request: { id: string; private: boolean }; response: { private: boolean } };
  'ui.setMuted': { request: { entity: string; muted: boolean }; response: { muted: boolean } };
  /** The user's own note on an entity (kept across pack updates); empty removes it. */
  'ui.setEntityNote': { request: { entity: string; note: string }; response: { saved: boolean } };
  /** Adds a note (to a tab's article or a known article) or changes one (by id). */
  'ui.saveNote': {
    request: { id?: string; tabId?: number; articleId?: string; body: string; tags: string[]; entities: string[] };
    response: { id: string };
  };
  'ui.deleteNote': { request: { id: string }; response: { deleted: string } };
  'ui.undeleteNote': { request: { id: string }; response: { restored: string } };
  'ui.deleteAllNotes': { request: Record<string, never>; response: { deleted: number } };
  'ui.restoreRevision': { request: { id: string }; response: { restored: string } };
  'ui.dismissRevision': { request: { id: string }; response: { dismissed: string } };
  /** Imports notes (Gloss JSON or W3C Web Annotation JSON-LD): all or nothing. */
  'ui.importNotes': { request: { json: string }; response: NotesImportReply };
  'ui.setSightingSettings': { request: Partial<SightingSettingsReply>; response: SightingSettingsReply };
  'ui.syncStatus': { request: Record<string, never>; response: SyncStatusReply };
  /** The settings that apply on a tab's page, and the defaults everywhere. */
  'ui.siteSettings': { request: { tabId?: number }; response: SiteSettingsReply };
  /** Changes a site's settings, or with site "*" the defaults and the global pause. */
  'ui.setSiteSetting': {
    request: { site: string; off?: boolean; mode?: 'all' | 'first'; hiddenKinds?: string[] };
    response: SiteSettingsReply;
  };
  /** Turns sync on with this server and token (the page asked for the host permission first). */
  'ui.setSync': { request: { url: string; token: string }; response: SyncStatusReply };
  'ui.syncNow': { request: Record<string, never>; response: SyncStatusReply };
  /** Turns sync off; everything stays in this browser. */
  'ui.stopSync': { request: Record<string, never>; response: SyncStatusReply };
  /** Clears reading history ("seen on") of one site, or all. */
  'ui.clearSightings': { request: { site?: string }; response: { cleared: number } };
}

export type MessageType = keyof Protocol;
export type Request<T extends MessageType> = Protocol[T]['request'];
export type Response<T extends MessageType> = Protocol[T]['response'];

export interface Envelope<T extends MessageType = MessageType> {
  type: T;
  payload: Request<T>;
}

export type Reply<T extends MessageType = MessageType> = { ok: true; result: Response<T> } | { ok: false; error: string };

/** Messages the background pushes to content scripts. */
export type Broadcast =
  | { type: 'gloss.dictionaryChanged' }
  | { type: 'gloss.mutedChanged'; muted: string[] }
  | { type: 'gloss.notesChanged' }
  /** Site settings changed: ask for them again (page.dictionary). */
  | { type: 'gloss.settingsChanged' }
  /** The user asked (shortcut or context menu) to note the selected text. */
  | { type: 'gloss.addNote' }
  /** A keyboard shortcut for the page: next or previous highlight, pause Gloss here. */
  | { type: 'gloss.command'; command: PageCommand };

/** The shortcuts the page acts on (wxt.config.ts commands). */
export const PAGE_COMMANDS = ['next-mention', 'previous-mention', 'toggle-pause'] as const;
export type PageCommand = (typeof PAGE_COMMANDS)[number];
