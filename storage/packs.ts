// Installing, updating and removing knowledge packs. A pack is accepted or refused
// whole: it is checked against what is installed, the matcher everything installed
// would make is compiled and measured, and only then written, all in one transaction,
// together with that matcher. A refused pack changes nothing.
//
// Bundled packs and the user's packs live in separate id spaces (pack-space.ts), so an
// update of a bundled pack can never collide with anything of the user's.

import { DictionaryError, expandForms, foldString } from '../engine';
import { checkPack, type InstalledContext, type PackIssue } from '../knowledge/check';
import { compareVersions, type Pack, type Source } from '../knowledge/schema';
import { MAX_PACK_JSON } from '../model';
import { db, type EntityRecord, type EventRecord, type PackRecord, type SourceRef } from './db';
import { buildDictionary, DICTIONARY_KEY, MatcherTooLargeError } from './dictionary';
import { ownId, USER_SPACE, userKey } from './pack-space';
import { withLookup } from './lookup';
import { writeRecord } from './records';

export { ownId, USER_SPACE, userKey };

/** Stored keys are ids too (at most 80 characters): the prefix takes two of them. */
const MAX_USER_ID = 80 - USER_SPACE.length;

type Origin = PackRecord['origin'];

export async function listPacks(): Promise<PackRecord[]> {
  return db.packs.orderBy('id').toArray();
}

export type WriteResult = { ok: true; pack: PackRecord; replaced: boolean } | { ok: false; issues: PackIssue[] };

/**
 * Checks a pack and writes it, replacing an earlier version of it, in one transaction:
 * two writes at once are checked one after the other, each against what the other
 * wrote.
 */
async function writePack(input: unknown, origin: Origin): Promise<WriteResult> {
  return db.transaction('rw', db.packs, db.entities, db.events, db.kv, async () => {
    const [packs, entities, events] = await Promise.all([db.packs.toArray(), db.entities.toArray(), db.events.toArray()]);
    const headerId = (input as { pack?: { id?: unknown } } | null)?.pack?.id;
    const key = typeof headerId === 'string' ? (origin === 'bundled' ? headerId : userKey(headerId)) : undefined;
    const previous = packs.find((p) => p.id === key);

    const checked = checkPack(input, installedContext(origin, key, packs, entities, events));
    if (!checked.ok) return checked;
    const pack = checked.pack;
    const spaceIssues = idSpaceIssues(pack, origin);
    if (spaceIssues.length > 0) return { ok: false, issues: spaceIssues };
    if (previous && compareVersions(pack.pack.version, previous.version) < 0) {
      return { ok: false, issues: [{ path: 'pack.version', message: `version ${pack.pack.version} is older than the installed ${previous.version}` }] };
    }

    const packKey = key!;
    const userIds = new Set(entities.filter((e) => e.packId !== packKey && isUser(e.id)).map((e) => ownId(e.id)));
    const stored = toStored(pack, origin, userIds);
    const now = Date.now();
    const record: PackRecord = {
      id: packKey,
      version: pack.pack.version,
      name: pack.pack.name,
      description: pack.pack.description,
      publisher: pack.pack.publisher,
      origin,
      contexts: pack.contexts ?? {},
      ...(pack.pack.private ? { privateInFile: true } : {}),
      ...(previous?.privateByUser ? { privateByUser: true } : {}),
      entityCount: stored.entities.length,
      eventCount: stored.events.length,
      installedAt: previous?.installedAt ?? now,
      updatedAt: Math.max(now, (previous?.updatedAt ?? 0) + 1),
    };

    let dictionary;
    try {
      dictionary = buildDictionary(
        [...packs.filter((p) => p.id !== packKey), record],
        [...entities.filter((e) => e.packId !== packKey), ...stored.entities],
      );
    } catch (e) {
      if (e instanceof MatcherTooLargeError) return { ok: false, issues: [{ path: '', message: e.message }] };
      if (e instanceof DictionaryError) return { ok: false, issues: [{ path: '', message: `Gloss cannot build its matcher with this pack: ${e.message}` }] };
      throw e;
    }

    await db.entities.where('packId').equals(packKey).delete();
    await db.events.where('packId').equals(packKey).delete();
    await db.entities.bulkAdd(stored.entities);
    await db.events.bulkAdd(stored.events);
    await db.packs.put(record);
    await db.kv.put({ key: DICTIONARY_KEY, value: dictionary });
    return { ok: true, pack: record, replaced: previous !== undefined };
  });
}

/**
 * What a pack is checked against: ids of its own space it may not reuse, the other
 * space it may refer to, and aliases. A bundled pack is checked against bundled packs
 * only, so nothing the user installed can make its update fail.
 */
function installedContext(origin: Origin, key: string | undefined, packs: PackRecord[], entities: EntityRecord[], events: EventRecord[]): InstalledContext {
  const packOrigin = new Map(packs.map((p) => [p.id, p.origin]));
  const ctx = {
    entities: new Map<string, string>(),
    shared: new Map<string, string>(),
    events: new Map<string, string>(),
    contexts: new Set<string>(),
    aliases: new Map<string, string>(),
  };
  for (const p of packs) if (p.id !== key && (origin === 'imported' || p.origin === 'bundled')) for (const name of Object.keys(p.contexts)) ctx.contexts.add(name);
  for (const e of entities) {
    if (e.packId === key) continue;
    const sameSpace = packOrigin.get(e.packId) === origin;
    if (!sameSpace && origin === 'bundled') continue;
    (sameSpace ? ctx.entities : ctx.shared).set(ownId(e.id), ownId(e.packId));
    for (const a of e.aliases) {
      if (a.requires) continue;
      for (const form of expandForms(a.text)) ctx.aliases.set(foldString(form), ownId(e.id));
    }
  }
  for (const ev of events) if (ev.packId !== key && packOrigin.get(ev.packId) === origin) ctx.events.set(ownId(ev.id), ownId(ev.packId));
  return ctx;
}

function isUser(key: string): boolean {
  return key.startsWith(USER_SPACE);
}

/** Ids that would not fit their space: bundled ones that look like the user's, user ones too long for the prefix. */
function idSpaceIssues(pack: Pack, origin: Origin): PackIssue[] {
  const issues: PackIssue[] = [];
  const each = (id: string, path: string): void => {
    if (origin === 'bundled' && id.startsWith(USER_SPACE)) issues.push({ path, message: `ids of a pack that comes with Gloss must not start with "${USER_SPACE}"` });
    if (origin === 'imported' && id.length > MAX_USER_ID) issues.push({ path, message: `must be at most ${MAX_USER_ID} characters in a pack you import` });
  };
  each(pack.pack.id, 'pack.id');
  pack.entities.forEach((e, i) => each(e.id, `entities[${i}].id`));
  pack.events.forEach((e, i) => each(e.id, `events[${i}].id`));
  return issues;
}

/**
 * The records a pack is stored as. In a user's pack, an id names the user's entity if
 * a user's pack has one (this one first), else Gloss's own.
 */
function toStored(pack: Pack, origin: Origin, otherUserIds: ReadonlySet<string>): { entities: EntityRecord[]; events: EventRecord[] } {
  const user = origin === 'imported';
  const own = new Set(pack.entities.map((e) => e.id));
  const key = (id: string): string => (user ? userKey(id) : id);
  const ref = (id: string): string => (user && (own.has(id) || otherUserIds.has(id)) ? userKey(id) : id);
  const requirement = (req: string): string =>
    req
      .split('+')
      .map((c) => (c.startsWith('entity:') ? `entity:${ref(c.slice(7))}` : c))
      .join('+');
  const sources = new Map(pack.sources.map((s) => [s.id, toRef(s)]));
  const refs = (ids: readonly string[] | undefined): SourceRef[] => (ids ?? []).map((id) => sources.get(id)!).filter(Boolean);
  const packId = key(pack.pack.id);
  const entities: EntityRecord[] = pack.entities.map((e) => withLookup({
    id: key(e.id),
    packId,
    kind: e.kind,
    names: e.names,
    summary: e.summary,
    aliases: e.aliases.map(({ text, lang, caseSensitive, requires }) => ({ text, lang, caseSensitive, requires: requires?.map(requirement) })),
    falseFriends: e.falseFriends,
    facts: (e.facts ?? []).map((f) => ({ text: f.text, sources: refs(f.sources) })),
    related: (e.related ?? []).map((r) => ({ entity: ref(r.entity), relation: r.relation })),
    sources: refs(e.sources),
  }));
  const events: EventRecord[] = pack.events.map((ev) => ({
    id: key(ev.id),
    packId,
    date: ev.date,
    title: ev.title,
    summary: ev.summary,
    status: ev.status ?? 'confirmed',
    entities: ev.entities.map(ref),
    sources: refs(ev.sources),
  }));
  return { entities, events };
}

export interface BundledResult {
  installed: string[];
  updated: string[];
  unchanged: string[];
  /** Packs whose new version was refused; their previous version (if any) stays installed. */
  failed: { id: string; reason: string }[];
}

/**
 * Installs bundled packs that are missing and updates those whose version went up.
 * This runs on every start of the background and never throws: a bundled version
 * that cannot be installed leaves the previous one working.
 */
export async function ensureBundledPacks(packs: readonly Pack[]): Promise<BundledResult> {
  const result: BundledResult = { installed: [], updated: [], unchanged: [], failed: [] };
  for (const pack of packs) {
    const id = pack.pack.id;
    const current = await db.packs.get(id);
    // Checking costs more than the version comparison by far: only a newer version is checked.
    if (current && compareVersions(pack.pack.version, current.version) <= 0) {
      result.unchanged.push(id);
      continue;
    }
    let outcome: WriteResult;
    try {
      outcome = await writePack(pack, 'bundled');
    } catch (e) {
      outcome = { ok: false, issues: [{ path: '', message: e instanceof Error ? e.message : String(e) }] };
    }
    if (outcome.ok) (current ? result.updated : result.installed).push(id);
    else result.failed.push({ id, reason: outcome.issues.slice(0, 10).map((i) => `${i.path || '(pack)'}: ${i.message}`).join('\n') });
  }
  return result;
}

export type ImportResult = WriteResult;

/**
 * Imports a pack the user chose. It is checked against what is installed; any issue
 * refuses it whole and nothing changes.
 */
export function importPack(input: unknown): Promise<ImportResult> {
  return writePack(input, 'imported');
}

/** Whether a pack's mentions are kept off the page's highlight registry. */
export function isPrivate(pack: PackRecord): boolean {
  return pack.privateInFile === true || pack.privateByUser === true;
}

/** Entities (keys) of private packs. */
export async function privateEntities(): Promise<string[]> {
  const ids = (await db.packs.toArray()).filter(isPrivate).map((p) => p.id);
  return ids.length === 0 ? [] : ((await db.entities.where('packId').anyOf(ids).primaryKeys()) as string[]);
}

/** Marks one of the user's packs (by its own id) private, or not, in this browser. */
export async function setPackPrivate(id: string, hide: boolean): Promise<PackRecord> {
  return db.transaction('rw', db.packs, async () => {
    const pack = await db.packs.get(userKey(id));
    if (!pack) throw new Error(`no pack "${id}" of yours is installed`);
    const next = { ...pack, privateByUser: hide };
    await db.packs.put(next);
    return next;
  });
}

export class PackRemovalError extends Error {}

/**
 * Removes one of the user's packs (by its own id) with its entities and events.
 * Bundled packs stay. (Fewer terms always compile: the matcher is rebuilt on demand.)
 */
export async function removePack(id: string): Promise<void> {
  await db.transaction('rw', db.packs, db.entities, db.events, async () => {
    const key = userKey(id);
    const pack = await db.packs.get(key);
    if (!pack) {
      if (await db.packs.get(id)) throw new PackRemovalError(`"${id}" comes with Gloss and cannot be removed`);
      throw new PackRemovalError(`no pack "${id}" is installed`);
    }
    await db.entities.where('packId').equals(key).delete();
    await db.events.where('packId').equals(key).delete();
    await db.packs.delete(key);
  });
}

function toRef(s: Source): SourceRef {
  const ref: SourceRef = { url: s.url, publisher: s.publisher, published: s.published };
  if (s.title !== undefined) ref.title = s.title;
  if (s.lang !== undefined) ref.lang = s.lang;
  return ref;
}

/** Keeps the file of a pack the user imported, so it can travel to their other browsers. */
export async function keepPackFile(json: string, pack: PackRecord): Promise<boolean> {
  if (json.length > MAX_PACK_JSON) return false;
  await writeRecord('pack', ownId(pack.id), { json, version: pack.version, name: pack.name, deleted: false });
  return true;
}

/** The user removed a pack: its file is deleted in their other browsers too. */
export async function forgetPackFile(id: string): Promise<void> {
  const file = await db.packFiles.get(id);
  if (file && !file.deleted) await writeRecord('pack', id, { deleted: true });
}

/**
 * A pack file changed in another browser: install it (checked like any import), or
 * remove the pack. Returns a reason when the file cannot be installed here.
 */
export async function applyPackFile(id: string): Promise<{ changed: boolean; error?: string }> {
  const file = await db.packFiles.get(id);
  if (!file) return { changed: false };
  const installed = await db.packs.get(userKey(id));
  if (file.deleted) {
    if (!installed) return { changed: false };
    await removePack(id);
    return { changed: true };
  }
  if (installed && compareVersions(file.version, installed.version) <= 0) return { changed: false };
  let input: unknown;
  try {
    input = JSON.parse(file.json);
  } catch {
    return { changed: false, error: `pack "${id}" from another browser is not JSON` };
  }
  const result = await importPack(input);
  if (!result.ok) return { changed: false, error: `pack "${id}" from another browser was not installed: ${result.issues[0]?.path} ${result.issues[0]?.message}` };
  return { changed: true };
}
