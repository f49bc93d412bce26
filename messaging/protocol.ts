// Every message between Gloss's contexts, declared once and typed both ways. Requests
// named "page.*" come from content scripts, which the background does not trust; those
// named "ui.*" are privileged and accepted only from the extension's own pages. The
// background validates every payload (schemas.ts) before a handler sees it.

import type { Kind } from '../knowledge/schema';

export interface CardSource {
  url: string;
  publisher: string;
  published: string;
}

export interface CardEvent {
  date: string;
  title: string;
  status: 'confirmed' | 'reported';
  sources: CardSource[];
}

/** What a hover card shows, in the reader's language where the pack has it. */
export interface CardData {
  id: string;
  kind: Kind;
  name: string;
  summary: string;
  /** Language of `summary` (the browser's, or "en"). */
  lang: string;
  facts: string[];
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

export interface TabMentions {
  url: string;
  title: string;
  mentions: PageMention[];
  updatedAt: number;
}

export interface PackIssueReply {
  path: string;
  message: string;
}

export type ImportReply = { ok: true; id: string; version: string; replaced: boolean } | { ok: false; issues: PackIssueReply[] };

export interface Protocol {
  /** The compiled matcher for the installed packs, and the entities the user muted. */
  'page.dictionary': { request: Record<string, never>; response: { id: string; encoded: string; muted: string[] } };
  /** Card contents for one entity. */
  'page.card': { request: { entity: string; lang: string }; response: CardData | null };
  /** What the page mentions, for the popup. */
  'page.mentions': { request: { title: string; mentions: PageMention[] }; response: { stored: number } };

  'ui.tabMentions': { request: { tabId: number }; response: TabMentions | null };
  'ui.importPack': { request: { json: string }; response: ImportReply };
  'ui.removePack': { request: { id: string }; response: { removed: string } };
  'ui.setMuted': { request: { entity: string; muted: boolean }; response: { muted: boolean } };
  /** The user's own note on an entity (kept across pack updates); empty removes it. */
  'ui.setEntityNote': { request: { entity: string; note: string }; response: { saved: boolean } };
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
export type Broadcast = { type: 'gloss.dictionaryChanged' } | { type: 'gloss.mutedChanged'; muted: string[] };
