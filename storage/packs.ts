// Installing, updating and removing knowledge packs. A pack is written in one
// transaction: its previous entities and events go, the new ones come, and nothing
// else (edits, sightings, other packs) is touched.

import { foldString, expandForms } from '../engine';
import { checkPack, describeIssues, type InstalledContext, type PackIssue } from '../knowledge/check';
import { compareVersions, type Pack, type Source } from '../knowledge/schema';
import { MAX_PACK_JSON } from '../model';
import { db, type EntityRecord, type EventRecord, type PackRecord, type SourceRef } from './db';
import { withLookup } from './lookup';
import { writeRecord } from './records';

export async function listPacks(): Promise<PackRecord[]> {
  return db.packs.orderBy('id').toArray();
}

/** What other packs hold, for checking a pack that will sit beside them. */
export async function installedContext(exceptPack?: string): Promise<InstalledContext> {
  const [packs, entities, events] = await Promise.all([db.packs.toArray(), db.entities.toArray(), db.events.toArray()]);
  const ctx = {
    entities: new Map<string, string>(),
    events: new Map<string, string>(),
    contexts: new Set<string>(),
    aliases: new Map<string, string>(),
  };
  for (const p of packs) if (p.id !== exceptPack) for (const name of Object.keys(p.contexts)) ctx.contexts.add(name);
  for (const e of entities) {
    if (e.packId === exceptPack) continue;
    ctx.entities.set(e.id, e.packId);
    for (const a of e.aliases) {
      if (a.requires) continue;
      for (const form of expandForms(a.text)) ctx.aliases.set(foldString(form), e.id);
    }
  }
  for (const ev of events) if (ev.packId !== exceptPack) ctx.events.set(ev.id, ev.packId);
  return ctx;
}

/** Writes a validated pack, replacing any earlier version of it. */
export async function installPack(pack: Pack, origin: PackRecord['origin']): Promise<PackRecord> {
  const sources = new Map(pack.sources.map((s) => [s.id, toRef(s)]));
  const refs = (ids: readonly string[] | undefined): SourceRef[] => (ids ?? []).map((id) => sources.get(id)!).filter(Boolean);
  const packId = pack.pack.id;
  const entities: EntityRecord[] = pack.entities.map((e) => withLookup({
    id: e.id,
    packId,
    kind: e.kind,
    names: e.names,
    summary: e.summary,
    aliases: e.aliases.map(({ text, lang, caseSensitive, requires }) => ({ text, lang, caseSensitive, requires })),
    falseFriends: e.falseFriends,
    facts: (e.facts ?? []).map((f) => ({ text: f.text, sources: refs(f.sources) })),
    related: e.related ?? [],
    sources: refs(e.sources),
  }));
  const events: EventRecord[] = pack.events.map((ev) => ({
    id: ev.id,
    packId,
    date: ev.date,
    title: ev.title,
    summary: ev.summary,
    status: ev.status ?? 'confirmed',
    entities: ev.entities,
    sources: refs(ev.sources),
  }));
  return db.transaction('rw', db.packs, db.entities, db.events, async () => {
    const previous = await db.packs.get(packId);
    const now = Date.now();
    await db.entities.where('packId').equals(packId).delete();
    await db.events.where('packId').equals(packId).delete();
    await db.entities.bulkAdd(entities);
    await db.events.bulkAdd(events);
    const record: PackRecord = {
      id: packId,
      version: pack.pack.version,
      name: pack.pack.name,
      description: pack.pack.description,
      publisher: pack.pack.publisher,
      origin,
      contexts: pack.contexts ?? {},
      entityCount: entities.length,
      eventCount: events.length,
      installedAt: previous?.installedAt ?? now,
      updatedAt: now,
    };
    await db.packs.put(record);
    return record;
  });
}

export interface BundledResult {
  installed: string[];
  updated: string[];
  unchanged: string[];
}

/**
 * Installs bundled packs that are missing and updates those whose version went up.
 * This runs on every start of the background, so a pack is validated only when it is
 * about to be written (checking costs more than the version comparison by far).
 */
export async function ensureBundledPacks(packs: readonly Pack[]): Promise<BundledResult> {
  const result: BundledResult = { installed: [], updated: [], unchanged: [] };
  for (const pack of packs) {
    const current = await db.packs.get(pack.pack.id);
    if (current && compareVersions(pack.pack.version, current.version) <= 0) {
      result.unchanged.push(pack.pack.id);
      continue;
    }
    const checked = checkPack(pack);
    if (!checked.ok) throw new Error(`bundled pack "${pack.pack.id}" is invalid:\n${describeIssues(checked.issues)}`);
    await installPack(checked.pack, 'bundled');
    (current ? result.updated : result.installed).push(pack.pack.id);
  }
  return result;
}

export type ImportResult = { ok: true; pack: PackRecord; replaced: boolean } | { ok: false; issues: PackIssue[] };

/**
 * Imports a pack the user chose. It is checked against what is installed; any issue
 * refuses it whole and nothing changes.
 */
export async function importPack(input: unknown): Promise<ImportResult> {
  const header = (input as { pack?: { id?: unknown } } | null)?.pack;
  const id = typeof header?.id === 'string' ? header.id : undefined;
  const existing = id ? await db.packs.get(id) : undefined;
  if (existing?.origin === 'bundled') {
    return { ok: false, issues: [{ path: 'pack.id', message: `"${id}" is a pack that comes with Gloss; give your pack its own id` }] };
  }
  const checked = checkPack(input, await installedContext(id));
  if (!checked.ok) return checked;
  if (existing && compareVersions(checked.pack.pack.version, existing.version) < 0) {
    return {
      ok: false,
      issues: [{ path: 'pack.version', message: `version ${checked.pack.pack.version} is older than the installed ${existing.version}` }],
    };
  }
  const pack = await installPack(checked.pack, 'imported');
  return { ok: true, pack, replaced: existing !== undefined };
}

export class PackRemovalError extends Error {}

/** Removes an imported pack with its entities and events. Bundled packs stay. */
export async function removePack(id: string): Promise<void> {
  await db.transaction('rw', db.packs, db.entities, db.events, async () => {
    const pack = await db.packs.get(id);
    if (!pack) throw new PackRemovalError(`no pack "${id}" is installed`);
    if (pack.origin === 'bundled') throw new PackRemovalError(`"${id}" comes with Gloss and cannot be removed`);
    await db.entities.where('packId').equals(id).delete();
    await db.events.where('packId').equals(id).delete();
    await db.packs.delete(id);
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
  await writeRecord('pack', pack.id, { json, version: pack.version, name: pack.name, deleted: false });
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
  const installed = await db.packs.get(id);
  if (file.deleted) {
    if (installed?.origin !== 'imported') return { changed: false };
    await removePack(id);
    return { changed: true };
  }
  if (installed?.origin === 'bundled') return { changed: false, error: `pack "${id}" from another browser has the id of a pack that comes with Gloss` };
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
