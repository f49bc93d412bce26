// What the background does for each request. Payloads arrive validated (messaging/
// router.ts); handlers still treat page-supplied ids as untrusted lookups.

import { browser } from 'wxt/browser';
import type { Caller, Handlers } from '../../messaging/router';
import type { Broadcast, CardData, PageMention, TabMentions } from '../../messaging/protocol';
import { pickText } from '../../knowledge/localize';
import { getEntities, getEntity, mutedEntities, setEntityNote, setMuted } from '../../storage/entities';
import { timeline } from '../../storage/events';
import { currentDictionary, type StoredDictionary } from '../../storage/dictionary';
import { importPack, removePack } from '../../storage/packs';
import { recordSightings } from '../../storage/sightings';

/** A card is read at a glance: the latest events and the first key facts; the popup has the rest. */
const CARD_EVENTS = 3;
const CARD_FACTS = 2;

export function createHandlers(ready: Promise<unknown>): Handlers {
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

  return {
    async 'page.dictionary'() {
      const [d, muted] = await Promise.all([getDictionary(), mutedEntities()]);
      return { id: d.id, encoded: d.encoded, muted: [...muted] };
    },

    async 'page.card'({ entity, lang }) {
      await ready;
      return cardFor(entity, lang);
    },

    async 'page.mentions'({ title, mentions }, caller) {
      if (caller.kind !== 'page' || caller.frameId !== 0) return { stored: 0 };
      const known = await getEntities(mentions.map((m) => m.entity));
      const kept: PageMention[] = mentions.filter((m) => known.has(m.entity));
      const url = pageKey(caller.url);
      const value: TabMentions = { url, title, mentions: kept, updatedAt: Date.now() };
      await browser.storage.session.set({ [tabKey(caller.tabId)]: value });
      if (kept.length > 0) await recordSightings(url, title, kept);
      return { stored: kept.length };
    },

    async 'ui.tabMentions'({ tabId }) {
      const key = tabKey(tabId);
      const stored = await browser.storage.session.get(key);
      return (stored[key] as TabMentions | undefined) ?? null;
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
      await dictionaryChanged();
      return { ok: true, id: result.pack.id, version: result.pack.version, replaced: result.replaced };
    },

    async 'ui.removePack'({ id }) {
      await removePack(id);
      await dictionaryChanged();
      return { removed: id };
    },

    async 'ui.setMuted'({ entity, muted }) {
      if (!(await getEntity(entity))) throw new Error(`no entity "${entity}"`);
      await setMuted(entity, muted);
      await broadcast({ type: 'gloss.mutedChanged', muted: [...(await mutedEntities())] });
      return { muted };
    },

    async 'ui.setEntityNote'({ entity, note }) {
      if (!(await getEntity(entity))) throw new Error(`no entity "${entity}"`);
      await setEntityNote(entity, note);
      return { saved: true };
    },
  };
}

export async function cardFor(entityId: string, lang: string): Promise<CardData | null> {
  const entity = await getEntity(entityId);
  if (!entity) return null;
  const events = await timeline(entityId);
  const related = await getEntities(entity.related.map((r) => r.entity));
  const summary = pickText(entity.summary, lang);
  return {
    id: entity.id,
    kind: entity.kind,
    name: pickText(entity.names, lang).text,
    summary: summary.text,
    lang: summary.lang,
    facts: entity.facts.slice(0, CARD_FACTS).map((f) => pickText(f.text, lang).text),
    events: events.slice(0, CARD_EVENTS).map((e) => ({
      date: e.date,
      title: pickText(e.title, lang).text,
      status: e.status,
      sources: e.sources.map((s) => ({ url: s.url, publisher: s.publisher, published: s.published })),
    })),
    eventCount: events.length,
    related: entity.related
      .filter((r) => related.has(r.entity))
      .map((r) => ({ id: r.entity, name: pickText(related.get(r.entity)!.names, lang).text, relation: r.relation })),
  };
}

export function tabKey(tabId: number): string {
  return `tab:${tabId}`;
}

/** Sightings are kept per article: the URL without its fragment. */
function pageKey(url: string): string {
  const u = new URL(url);
  u.hash = '';
  return u.href;
}

async function broadcast(message: Broadcast): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.map((tab) => (tab.id === undefined ? undefined : browser.tabs.sendMessage(tab.id, message).catch(() => undefined))),
  );
}

export type { Caller };
