// What the background does for each request. Payloads arrive validated (messaging/
// router.ts); handlers still treat page-supplied ids as untrusted lookups, and a page
// only ever reaches its own article: the article is derived from the address the
// browser reports for the sender, believing the page's canonical link only for the
// same site.

import { browser } from 'wxt/browser';
import { findQuote } from '../../engine/quote-approx';
import type { Caller, Handlers } from '../../messaging/router';
import type { Broadcast, CardData, PageMention, PageMeta, PageNote, SiteSettingsReply, TabArticle, TabMentions } from '../../messaging/protocol';
import { pickText } from '../../knowledge/localize';
import { articleIdentity, normalizePublished, sameSite, type ArticleIdentity } from '../../model';
import { getEntities, getEntity, mutedEntities, setEntityNote, setMuted } from '../../storage/entities';
import { timeline } from '../../storage/events';
import { currentDictionary, type StoredDictionary } from '../../storage/dictionary';
import type { LocalNote } from '../../storage/db';
import {
  addNote,
  deleteAllNotes,
  deleteNote,
  dismissRevision,
  getNote,
  notesOfArticle,
  restoreRevision,
  undeleteNote,
  updateNote,
} from '../../storage/notes';
import { getArticle, getArticles } from '../../storage/articles';
import { forgetPackFile, importPack, isPrivate, keepPackFile, ownId, privateEntities, removePack, setPackPrivate } from '../../storage/packs';
import { setSyncConfig } from '../../storage/sync-state';
import { effectiveSettings, EVERYWHERE, setSiteSetting, settingsSite } from '../../storage/site-settings';
import { syncStatus } from './sync';
import { clearSightings, recordSightings, setSightingSettings } from '../../storage/sightings';
import { importNotesFile } from './import-notes';

/** A card is read at a glance: the latest events and the first key facts; the popup has the rest. */
const CARD_EVENTS = 3;
const CARD_FACTS = 2;

export interface HandlerHooks {
  /** Something that syncs changed locally. */
  changed(): void;
  /** Syncs now, whatever the back-off; true if it worked. */
  syncNow(): Promise<boolean>;
}

const NO_SYNC: HandlerHooks = { changed() {}, syncNow: async () => false };

export interface BackgroundEvents {
  /** Installed packs changed: recompile and tell the pages. */
  dictionaryChanged(): Promise<void>;
  notesChanged(): Promise<void>;
  mutesChanged(): Promise<void>;
}

export function createHandlers(ready: Promise<unknown>, hooks: HandlerHooks = NO_SYNC): { handlers: Handlers; events: BackgroundEvents } {
  let dictionary: Promise<StoredDictionary> | undefined;
  const getDictionary = (): Promise<StoredDictionary> => {
    dictionary ??= ready.then(currentDictionary).catch((e: unknown) => {
      dictionary = undefined;
      throw e;
    });
    return dictionary;
  };
  const dictionaryChanged = async (): Promise<void> => {
    dictionary = undefined;
    await getDictionary();
    await broadcast({ type: 'gloss.dictionaryChanged' });
  };
  const notesChanged = async (): Promise<void> => {
    hooks.changed();
    await broadcast({ type: 'gloss.notesChanged' });
  };
  const events: BackgroundEvents = {
    dictionaryChanged,
    notesChanged: () => broadcast({ type: 'gloss.notesChanged' }),
    mutesChanged: async () => broadcast({ type: 'gloss.mutedChanged', muted: [...(await mutedEntities())] }),
  };

  const handlers: Handlers = {
    async 'page.dictionary'(_payload, caller) {
      const site = caller.kind === 'page' ? settingsSite(caller.url) : EVERYWHERE;
      // The popup can then say "off on this site" for a tab that reports nothing.
      if (caller.kind === 'page' && caller.frameId === 0) await browser.storage.session.set({ [tabSiteKey(caller.tabId)]: site });
      const [d, muted, hidden, settings] = await Promise.all([getDictionary(), mutedEntities(), privateEntities(), effectiveSettings(site)]);
      return { id: d.id, encoded: d.encoded, muted: [...muted], hidden, settings };
    },

    async 'page.card'({ entity, lang }) {
      await ready;
      return cardFor(entity, lang);
    },

    async 'page.mentions'({ title, mentions, meta }, caller) {
      if (caller.kind !== 'page' || caller.frameId !== 0) return { stored: 0 };
      // Off on this site or paused: the tab is known (the popup turns Gloss back on from
      // it), what it mentions is neither kept nor counted.
      const settings = await effectiveSettings(settingsSite(caller.url));
      const off = settings.siteOff || settings.paused;
      const known = await getEntities(off ? [] : mentions.map((m) => m.entity));
      const kept: PageMention[] = mentions.filter((m) => known.has(m.entity));
      const identity = await pageArticle(caller, meta ?? {});
      const article = tabArticle(identity, title, meta ?? {});
      const previous = await readTab(caller.tabId);
      const value: TabMentions = {
        url: identity.url,
        title,
        mentions: kept,
        updatedAt: Date.now(),
        article,
        orphaned: previous?.article?.id === article.id ? previous.orphaned : undefined,
      };
      await browser.storage.session.set({ [tabKey(caller.tabId)]: value });
      await showCount(caller.tabId, kept.length);
      // Nothing is recorded from private windows.
      if (kept.length > 0 && !caller.incognito) await recordSightings(identity.url, title, kept);
      return { stored: kept.length };
    },

    async 'page.notes'({ meta }, caller) {
      if (caller.kind !== 'page') throw new Error('not a page');
      const identity = await pageArticle(caller, meta);
      const notes = await notesOfArticle(identity.id);
      return { articleId: identity.id, notes: notes.map(toPageNote) };
    },

    async 'page.addNote'({ meta, title, body, tags, entities, quote, position }, caller) {
      if (caller.kind !== 'page') throw new Error('not a page');
      const identity = await pageArticle(caller, meta);
      const known = await getEntities(entities);
      const note = await addNote(identity, articleInfo(title, meta), {
        body,
        tags,
        entities: entities.filter((e) => known.has(e)),
        quote,
        position,
      });
      await notesChanged();
      return { id: note.id };
    },

    async 'page.noteStatus'({ orphaned }, caller) {
      if (caller.kind !== 'page' || caller.frameId !== 0) return { stored: 0 };
      const state = await readTab(caller.tabId);
      if (!state?.article) return { stored: 0 };
      // Only ids of this article's notes are kept: a page cannot plant others.
      const own = new Set((await notesOfArticle(state.article.id)).map((n) => n.id));
      const kept = orphaned.filter((id) => own.has(id));
      await browser.storage.session.set({ [tabKey(caller.tabId)]: { ...state, orphaned: kept } });
      return { stored: kept.length };
    },

    async 'page.anchor'({ text, quotes }, caller) {
      if (caller.kind !== 'page') return { found: [] };
      // The search is costly (hundreds of milliseconds for a long quote over a long page),
      // so the page chooses neither what is searched for nor how often: only the reader's
      // live notes on an article of this site, each once, by the quote stored with it.
      // The page's own words are only a hint of where to look.
      const hints = new Map<string, number | null>();
      for (const q of quotes) if (!hints.has(q.id)) hints.set(q.id, q.start);
      const notes = (await Promise.all([...hints.keys()].map(getNote))).filter((n): n is LocalNote => n !== undefined && !n.deleted && n.quote !== null);
      const articles = await getArticles(notes.map((n) => n.articleId));
      const here = new URL(caller.url);
      const found: { id: string; start: number; end: number }[] = [];
      for (const n of notes) {
        const article = articles.get(n.articleId);
        if (!article || !sameSite(new URL(article.url), here)) continue;
        const m = findQuote(text, n.quote!, hints.get(n.id) ?? null);
        if (m) found.push({ id: n.id, start: m.start, end: m.end });
      }
      return { found };
    },

    async 'ui.tabMentions'({ tabId }) {
      return (await readTab(tabId)) ?? null;
    },

    async 'ui.tabStatus'({ tabId }) {
      const [tab, site, before] = await Promise.all([readTab(tabId), readTabSite(tabId), tabsOpenBeforeInstall()]);
      return { reported: tab !== undefined, site: tab ? settingsSite(tab.url) : site, openBeforeInstall: !tab && site === null && before.includes(tabId) };
    },

    async 'ui.importPack'({ json }) {
      let input: unknown;
      try {
        input = JSON.parse(json);
      } catch (e) {
        return { ok: false, issues: [{ path: '', message: `the file is not JSON: ${(e as Error).message}` }] };
      }
      const result = await importPack(input);
      if (!result.ok) return { ok: false, issues: result.issues };
      if (await keepPackFile(json, result.pack)) hooks.changed();
      await dictionaryChanged();
      return { ok: true, id: ownId(result.pack.id), version: result.pack.version, replaced: result.replaced };
    },

    async 'ui.setPackPrivate'({ id, private: hide }) {
      const pack = await setPackPrivate(id, hide);
      // Pages ask again for what to paint.
      await broadcast({ type: 'gloss.dictionaryChanged' });
      return { private: isPrivate(pack) };
    },

    async 'ui.removePack'({ id }) {
      await removePack(id);
      await forgetPackFile(id);
      hooks.changed();
      await dictionaryChanged();
      return { removed: id };
    },

    async 'ui.setMuted'({ entity, muted }) {
      if (!(await getEntity(entity))) throw new Error(`no entity "${entity}"`);
      await setMuted(entity, muted);
      hooks.changed();
      await events.mutesChanged();
      return { muted };
    },

    async 'ui.setEntityNote'({ entity, note }) {
      if (!(await getEntity(entity))) throw new Error(`no entity "${entity}"`);
      await setEntityNote(entity, note);
      hooks.changed();
      return { saved: true };
    },

    async 'ui.saveNote'({ id, tabId, articleId, body, tags, entities }) {
      const known = await getEntities(entities);
      const kept = entities.filter((e) => known.has(e));
      if (id !== undefined) {
        if (!(await getNote(id))) throw new Error(`no note "${id}"`);
        await updateNote(id, { body, tags, entities: kept });
        await notesChanged();
        return { id };
      }
      let article: TabArticle | undefined;
      if (tabId !== undefined) article = (await readTab(tabId))?.article;
      else if (articleId !== undefined) {
        const stored = await getArticle(articleId);
        if (stored && !stored.deleted) article = { id: stored.id, url: stored.url, site: stored.site, title: stored.title, published: stored.published, lang: stored.lang };
      }
      if (!article) throw new Error('no article to add the note to: Gloss has not read this page');
      const note = await addNote(article, { title: article.title, published: article.published, lang: article.lang }, { body, tags, entities: kept });
      await notesChanged();
      return { id: note.id };
    },

    async 'ui.deleteNote'({ id }) {
      await deleteNote(id);
      await notesChanged();
      return { deleted: id };
    },

    async 'ui.undeleteNote'({ id }) {
      await undeleteNote(id);
      await notesChanged();
      return { restored: id };
    },

    async 'ui.deleteAllNotes'() {
      const deleted = await deleteAllNotes();
      await notesChanged();
      return { deleted };
    },

    async 'ui.restoreRevision'({ id }) {
      await restoreRevision(id);
      await notesChanged();
      return { restored: id };
    },

    async 'ui.dismissRevision'({ id }) {
      await dismissRevision(id);
      hooks.changed();
      return { dismissed: id };
    },

    async 'ui.importNotes'({ json }) {
      const reply = await importNotesFile(json);
      if (reply.ok && reply.added + reply.restored > 0) await notesChanged();
      return reply;
    },

    async 'ui.setSightingSettings'(settings) {
      return setSightingSettings(settings);
    },

    async 'ui.siteSettings'({ tabId }) {
      if (tabId === undefined) return siteSettingsReply(undefined);
      const tab = await readTab(tabId);
      return siteSettingsReply(tab, tab ? undefined : ((await readTabSite(tabId)) ?? undefined));
    },

    async 'ui.setSiteSetting'({ site, ...change }) {
      if (site !== EVERYWHERE && (change.mode !== undefined || change.hiddenKinds !== undefined)) {
        throw new Error('the highlight mode and the kinds shown are chosen for every site ("*")');
      }
      await setSiteSetting(site, change);
      hooks.changed();
      await broadcast({ type: 'gloss.settingsChanged' });
      return siteSettingsReply(undefined, site === EVERYWHERE ? undefined : site);
    },

    async 'ui.syncStatus'() {
      return syncStatus();
    },

    async 'ui.setSync'({ url, token }) {
      const u = new URL(url);
      const base = `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
      await setSyncConfig({ url: base, token });
      await hooks.syncNow();
      return syncStatus();
    },

    async 'ui.syncNow'() {
      await hooks.syncNow();
      return syncStatus();
    },

    async 'ui.stopSync'() {
      await setSyncConfig(undefined);
      return syncStatus();
    },

    async 'ui.clearSightings'({ site }) {
      return { cleared: await clearSightings(site) };
    },
  };
  // Nothing is read or written before the bundled packs are installed: on a fresh
  // profile an import that refers to a bundled entity would otherwise be refused, and a
  // page could be answered from a half-filled database. A failed install is reported by
  // the background itself; requests go on against what is installed.
  const settled = ready.then(
    () => undefined,
    () => undefined,
  );
  const gated = Object.fromEntries(
    Object.entries(handlers).map(([type, handler]) => [
      type,
      async (payload: unknown, caller: Caller) => {
        await settled;
        return (handler as (payload: unknown, caller: Caller) => Promise<unknown>)(payload, caller);
      },
    ]),
  ) as unknown as Handlers;
  return { handlers: gated, events };
}

export async function cardFor(entityId: string, lang: string): Promise<CardData | null> {
  const entity = await getEntity(entityId);
  if (!entity) return null;
  const events = await timeline(entityId);
  const related = await getEntities(entity.related.map((r) => r.entity));
  const summary = pickText(entity.summary, lang);
  const name = pickText(entity.names, lang);
  const facts = entity.facts.slice(0, CARD_FACTS).map((f) => pickText(f.text, lang));
  return {
    id: entity.id,
    kind: entity.kind,
    name: name.text,
    nameLang: name.lang,
    summary: summary.text,
    lang: summary.lang,
    facts: facts.map((f) => f.text),
    factLangs: facts.map((f) => f.lang),
    events: events.slice(0, CARD_EVENTS).map((e) => ({
      date: e.date,
      ...((title) => ({ title: title.text, lang: title.lang }))(pickText(e.title, lang)),
      status: e.status,
      sources: e.sources.map((s) => ({ url: s.url, publisher: s.publisher, published: s.published })),
    })),
    eventCount: events.length,
    related: entity.related
      .filter((r) => related.has(r.entity))
      .map((r) => ({ id: r.entity, name: pickText(related.get(r.entity)!.names, lang).text, relation: r.relation })),
  };
}

async function siteSettingsReply(tab: TabMentions | undefined, site = tab ? settingsSite(tab.url) : undefined): Promise<SiteSettingsReply> {
  const [everywhere, effective] = await Promise.all([effectiveSettings(EVERYWHERE), site ? effectiveSettings(site) : Promise.resolve(null)]);
  return {
    site: site ?? null,
    effective,
    everywhere: { off: everywhere.paused, mode: everywhere.mode, hiddenKinds: everywhere.hiddenKinds },
  };
}

/** The toolbar badge of a tab: how many entities its page mentions, said in words in the button's title. */
export async function showCount(tabId: number, count: number): Promise<void> {
  const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  const title = count > 0 ? browser.i18n.getMessage('badgeTitle', [String(count)]) : browser.i18n.getMessage('badgeTitleNone');
  await Promise.all([action.setBadgeText({ tabId, text: count > 0 ? String(count) : '' }), action.setTitle({ tabId, title })]).catch(() => undefined);
}

export function tabKey(tabId: number): string {
  return `tab:${tabId}`;
}

/** The site a tab's content script last started on (kept in storage.session). */
export function tabSiteKey(tabId: number): string {
  return `tabsite:${tabId}`;
}

/** Tabs that were open when Gloss was installed or updated: no content script runs in them until they load a page. */
export const BEFORE_INSTALL_KEY = 'openBeforeInstall';

async function readTabSite(tabId: number): Promise<string | null> {
  const key = tabSiteKey(tabId);
  const stored = await browser.storage.session.get(key);
  return typeof stored[key] === 'string' ? (stored[key] as string) : null;
}

async function tabsOpenBeforeInstall(): Promise<number[]> {
  const stored = await browser.storage.session.get(BEFORE_INSTALL_KEY);
  const ids = stored[BEFORE_INSTALL_KEY];
  return Array.isArray(ids) ? ids.filter((id): id is number => typeof id === 'number') : [];
}

async function readTab(tabId: number): Promise<TabMentions | undefined> {
  const key = tabKey(tabId);
  const stored = await browser.storage.session.get(key);
  return stored[key] as TabMentions | undefined;
}

/** The sender's article: its own address, or its canonical one on the same site. */
function pageArticle(caller: Caller & { kind: 'page' }, meta: PageMeta): Promise<ArticleIdentity> {
  return articleIdentity({ url: caller.url, canonical: meta.canonical, ogUrl: meta.ogUrl });
}

function articleInfo(title: string, meta: PageMeta) {
  return { title: title.trim().slice(0, 1000), published: normalizePublished(meta.published) ?? null, lang: meta.lang?.trim() || null };
}

function tabArticle(identity: ArticleIdentity, title: string, meta: PageMeta): TabArticle {
  return { id: identity.id, url: identity.url, site: identity.site, ...articleInfo(title, meta) };
}

function toPageNote(n: LocalNote): PageNote {
  return { id: n.id, body: n.body, tags: n.tags, entities: n.entities, quote: n.quote, position: n.position, createdAt: n.createdAt, updatedAt: n.updatedAt };
}

async function broadcast(message: Broadcast): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.map((tab) => (tab.id === undefined ? undefined : browser.tabs.sendMessage(tab.id, message).catch(() => undefined))),
  );
}

export type { Caller };
