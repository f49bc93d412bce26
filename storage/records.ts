// Writing records that sync. Every local change is stamped with the device's hybrid
// logical clock, written, and queued in the outbox in one transaction, so a change is
// either kept and queued or not made at all. Remote changes merge field by field and
// queue nothing. The pure parts (what a change makes of a record) are separate so the
// schema upgrade can use them inside its own transaction.

import type { Table, Transaction } from 'dexie';
import {
  checkFields,
  mergeChange,
  newDeviceId,
  receive,
  tick,
  type Change,
  type Fields,
  type Hlc,
  KEPT_ON_CONFLICT,
  type RecordType,
  type SyncRecord,
} from '../model';
import { db, type OutboxEntry } from './db';
import { searchTerms } from './terms';

/** Record types kept in this browser, and their tables. (Sightings sync is separate.) */
export const SYNCED_TABLES = {
  article: 'articles',
  note: 'notes',
  entityNote: 'entityNotes',
  mute: 'mutes',
  siteSetting: 'siteSettings',
  pack: 'packFiles',
  revision: 'revisions',
} as const satisfies Partial<Record<RecordType, string>>;
export type LocalType = keyof typeof SYNCED_TABLES;

export function isLocalType(t: string): t is LocalType {
  return Object.hasOwn(SYNCED_TABLES, t);
}

type DataFields<T extends LocalType> = Omit<Fields<T>, 'createdAt' | 'updatedAt' | 'deleted'>;

/** What a new record holds before its first change sets the rest. */
const DEFAULTS: { [T in LocalType]: Partial<DataFields<T>> } = {
  article: { title: '', site: '', published: null, lang: null },
  note: { body: '', tags: [], entities: [], quote: null, position: null },
  entityNote: { body: '' },
  mute: {},
  siteSetting: { off: false, mode: 'all', hiddenKinds: [] },
  pack: {},
  revision: {},
};

export const KV_DEVICE = 'device';
export const KV_CLOCK = 'clock';
/** Highest outbox seq in a push that has not been acknowledged; entries up to it are never rewritten. */
export const KV_PUSHING = 'sync.pushing';

/** Times a change records, when they are not now (an import keeps the notes' own). */
export interface WriteTimes {
  createdAt?: number;
  updatedAt?: number;
}

export interface ChangeMade<T extends LocalType> {
  record: SyncRecord<T>;
  entry: OutboxEntry;
}

/** Fields only this browser keeps, derived from the record: never synced or exported. */
export function withLocalFields<T extends LocalType>(type: T, record: SyncRecord<T>): SyncRecord<T> {
  if (type === 'note') {
    const n = record as SyncRecord<'note'>;
    const live = !n.deleted;
    return {
      ...n,
      live: live ? 1 : 0,
      terms: live ? searchTerms(n.body, n.quote?.exact, ...n.tags) : [],
      facets: live ? [...n.tags.map((t) => `t:${t}`), ...n.entities.map((e) => `e:${e}`)] : [],
    } as SyncRecord<T>;
  }
  if (type === 'article') return { ...record, live: record.deleted ? 0 : 1 } as SyncRecord<T>;
  return record;
}

/** Strips the fields withLocalFields added. */
export function syncedPart<T extends LocalType>(record: SyncRecord<T>): SyncRecord<T> {
  const { live: _l, terms: _t, facets: _f, ...rest } = record as SyncRecord<T> & { live?: unknown; terms?: unknown; facets?: unknown };
  return rest as SyncRecord<T>;
}

/** Pure: a record after a local change stamped `hlc`, and the outbox entry that carries the change. */
export function makeChange<T extends LocalType>(
  type: T,
  id: string,
  existing: SyncRecord<T> | undefined,
  fields: Partial<DataFields<T>> & { deleted?: boolean },
  hlc: Hlc,
  device: string,
  now: number,
  times: WriteTimes = {},
): ChangeMade<T> {
  const updatedAt = times.updatedAt ?? now;
  const set: Record<string, unknown> = { ...fields, updatedAt };
  if (!existing) Object.assign(set, { ...DEFAULTS[type], ...fields, createdAt: times.createdAt ?? now, deleted: fields.deleted ?? false, updatedAt });
  else if (times.createdAt !== undefined) set.createdAt = times.createdAt;
  const base: Record<string, Hlc | null> = {};
  for (const name of KEPT_ON_CONFLICT[type] ?? []) if (name in set) base[name] = existing?.clock[name] ?? null;
  const clock = { ...(existing?.clock ?? {}) };
  for (const name of Object.keys(set)) clock[name] = hlc;
  const record = { ...(existing ?? {}), ...set, id, clock } as SyncRecord<T>;
  const entry: OutboxEntry = { type, record: id, fields: set, hlc, device, at: now };
  if (Object.keys(base).length > 0) entry.base = base;
  return { record, entry };
}

/** The device id and clock, created on first use. Call inside a transaction that includes kv. */
async function deviceAndClock(kv: Table): Promise<{ device: string; clock: Hlc | undefined }> {
  let device = (await kv.get(KV_DEVICE))?.value as string | undefined;
  if (!device) {
    device = newDeviceId();
    await kv.put({ key: KV_DEVICE, value: device });
  }
  return { device, clock: (await kv.get(KV_CLOCK))?.value as Hlc | undefined };
}

export async function deviceId(): Promise<string> {
  return db.transaction('rw', db.kv, () => deviceAndClock(db.kv)).then((r) => r.device);
}

/**
 * An entry for the same record that no push has taken yet absorbs a new change, so
 * years of edits without sync leave one entry per record, not one per keystroke.
 * Returns the merged entry, or undefined when the change needs an entry of its own.
 */
function absorb(last: OutboxEntry | undefined, entry: OutboxEntry, pushing: number): OutboxEntry | undefined {
  if (!last || last.seq! <= pushing) return undefined;
  const base = { ...(entry.base ?? {}), ...(last.base ?? {}) };
  const merged: OutboxEntry = { ...last, fields: { ...last.fields, ...entry.fields }, hlc: entry.hlc, at: entry.at };
  if (Object.keys(base).length > 0) merged.base = base;
  return merged;
}

async function pushingSeq(kv: Table): Promise<number> {
  return ((await kv.get(KV_PUSHING))?.value as number | undefined) ?? 0;
}

async function enqueue(outbox: Table<OutboxEntry, number | undefined>, kv: Table, entry: OutboxEntry): Promise<void> {
  const merged = absorb(await outbox.where('[type+record]').equals([entry.type, entry.record]).last(), entry, await pushingSeq(kv));
  if (merged) await outbox.put(merged);
  else await outbox.add(entry);
}

export function tableOf<T extends LocalType>(type: T): Table<SyncRecord<T>, string> {
  return db.table(SYNCED_TABLES[type]);
}

/** The tables a write of these types touches (for callers that open a wider transaction). */
export function writeTables(...types: LocalType[]): Table[] {
  return [...types.map((t) => db.table(SYNCED_TABLES[t])), db.outbox, db.kv];
}

/**
 * Makes a local change to a record (creating it if needed) and queues it, in one
 * transaction (or inside the caller's, which must include writeTables(type)).
 */
export async function writeRecord<T extends LocalType>(
  type: T,
  id: string,
  fields: Partial<DataFields<T>> & { deleted?: boolean },
  times: WriteTimes = {},
): Promise<SyncRecord<T>> {
  const checked = checkFields(type, id, { ...fields, ...times });
  if (!checked.ok) throw new RecordError(`${type} ${id}: ${checked.message}`);
  return db.transaction('rw', writeTables(type), async () => {
    const table = tableOf(type);
    const existing = await table.get(id);
    const { device, clock } = await deviceAndClock(db.kv);
    const now = Date.now();
    const hlc = tick(clock, now, device);
    const { record, entry } = makeChange(type, id, existing ? syncedPart(existing) : undefined, fields, hlc, device, now, times);
    await table.put(withLocalFields(type, record));
    await enqueue(db.outbox, db.kv, entry);
    await db.kv.put({ key: KV_CLOCK, value: hlc });
    return record;
  });
}

export class RecordError extends Error {}

/**
 * Queues changes of records this browser keeps elsewhere (reading history is kept in its
 * own table, keyed by address and entity), stamped like any local change. Call inside a
 * transaction that includes the outbox and kv.
 */
export async function queueChanges(type: RecordType, changes: readonly { record: string; fields: Record<string, unknown> }[]): Promise<void> {
  if (changes.length === 0) return;
  let { device, clock } = await deviceAndClock(db.kv);
  for (const c of changes) {
    const now = Date.now();
    const hlc = tick(clock, now, device);
    clock = hlc;
    await enqueue(db.outbox, db.kv, { type, record: c.record, fields: { ...c.fields, updatedAt: now }, hlc, device, at: now });
  }
  await db.kv.put({ key: KV_CLOCK, value: clock });
}

export interface RecordWrite<T extends LocalType> {
  id: string;
  fields: Partial<DataFields<T>> & { deleted?: boolean };
  times?: WriteTimes;
}

/**
 * Many local changes of one type in one transaction (an import of thousands of notes):
 * the same records and outbox entries as one writeRecord each, with bulk reads and writes.
 */
export async function writeRecords<T extends LocalType>(type: T, writes: readonly RecordWrite<T>[]): Promise<void> {
  for (const w of writes) {
    const checked = checkFields(type, w.id, { ...w.fields, ...(w.times ?? {}) });
    if (!checked.ok) throw new RecordError(`${type} ${w.id}: ${checked.message}`);
  }
  if (writes.length === 0) return;
  await db.transaction('rw', writeTables(type), async () => {
    const table = tableOf(type);
    const ids = [...new Set(writes.map((w) => w.id))];
    const current = new Map<string, SyncRecord<T>>();
    (await table.bulkGet(ids)).forEach((r, i) => r && current.set(ids[i]!, syncedPart(r)));
    const waiting = new Map<string, OutboxEntry>();
    for (const e of await db.outbox.where('[type+record]').anyOf(ids.map((id) => [type, id])).sortBy('seq')) waiting.set(e.record, e);
    const pushing = await pushingSeq(db.kv);
    let { device, clock } = await deviceAndClock(db.kv);
    const fresh: OutboxEntry[] = [];
    for (const w of writes) {
      const now = Date.now();
      const hlc = tick(clock, now, device);
      clock = hlc;
      const { record, entry } = makeChange(type, w.id, current.get(w.id), w.fields, hlc, device, now, w.times);
      current.set(w.id, record);
      const merged = absorb(waiting.get(w.id), entry, pushing);
      if (merged) waiting.set(w.id, merged);
      else fresh.push(entry);
    }
    await table.bulkPut([...current.values()].map((r) => withLocalFields(type, r)));
    await db.outbox.bulkPut([...waiting.values()].filter((e) => e.seq !== undefined && e.seq > pushing));
    await db.outbox.bulkAdd(fresh);
    await db.kv.put({ key: KV_CLOCK, value: clock });
  });
}

/** Merges changes pulled from the server, field by field; queues nothing. Returns how many records changed. */
export async function applyRemoteChanges(changes: readonly Change[]): Promise<number> {
  const local = changes.filter((c) => isLocalType(c.type) && Object.keys(c.clock).length > 0);
  if (local.length === 0) return 0;
  const types = [...new Set(local.map((c) => c.type as LocalType))];
  return db.transaction('rw', writeTables(...types), async () => {
    const { device, clock } = await deviceAndClock(db.kv);
    let latest = clock;
    let changed = 0;
    // One read and one write per type and page of changes, not one per record.
    for (const type of types) {
      const table = tableOf(type);
      const ofType = local.filter((c) => c.type === type);
      const ids = [...new Set(ofType.map((c) => c.record))];
      const current = new Map<string, { fields: Record<string, unknown>; clock: Record<string, Hlc> }>();
      (await table.bulkGet(ids)).forEach((r, i) => r && current.set(ids[i]!, splitRecord(syncedPart(r))));
      const touched = new Set<string>();
      for (const c of ofType) {
        const newest = Object.values(c.clock).reduce((a, b) => (a > b ? a : b));
        const merged = mergeChange(current.get(c.record), { type, record: c.record, hlc: newest, fields: c.fields, clock: c.clock });
        if (!merged.changed) continue;
        current.set(c.record, merged.next);
        touched.add(c.record);
        latest = receive(latest, newest, Date.now(), device);
      }
      // A record seen first through a partial change still needs every field its type has.
      const rows = [...touched].map((id) => {
        const { fields, clock: stamps } = current.get(id)!;
        const record = { createdAt: 0, updatedAt: 0, deleted: false, ...(DEFAULTS[type] as object), ...fields, id, clock: stamps } as SyncRecord<typeof type>;
        return withLocalFields(type, record);
      });
      await table.bulkPut(rows);
      changed += rows.length;
    }
    if (latest && latest !== clock) await db.kv.put({ key: KV_CLOCK, value: latest });
    return changed;
  });
}

function splitRecord(record: SyncRecord): { fields: Record<string, unknown>; clock: Record<string, Hlc> } {
  const { id: _id, clock, ...fields } = record as SyncRecord & Record<string, unknown>;
  return { fields, clock };
}

/** For the version-2 upgrade: writes made inside Dexie's upgrade transaction. */
export async function writeInUpgrade<T extends LocalType>(
  tx: Transaction,
  type: T,
  id: string,
  fields: Partial<DataFields<T>>,
  now: number,
): Promise<boolean> {
  // Rows Gloss itself wrote are valid; one that is not (a corrupt profile) cannot sync
  // and must not keep the database from opening, so it is left out.
  if (!checkFields(type, id, fields).ok) return false;
  const kv = tx.table('kv');
  const { device, clock } = await deviceAndClock(kv);
  const hlc = tick(clock, now, device);
  const { record, entry } = makeChange(type, id, undefined, fields, hlc, device, now);
  await tx.table(SYNCED_TABLES[type]).put(withLocalFields(type, record));
  await enqueue(tx.table('outbox'), kv, entry);
  await kv.put({ key: KV_CLOCK, value: hlc });
  return true;
}
