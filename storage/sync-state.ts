// What the sync client keeps between runs, in the extension's IndexedDB (never in
// storage.local, which content scripts can read): the server and token, the pull
// cursor, and how the last attempts went. Every step that must not be half done
// (dropping acknowledged changes, applying a pulled page with its cursor) is one
// transaction, so a service worker stopped at any moment resumes where it was.

import type { Change } from '../model';
import { db, type OutboxEntry } from './db';
import { applyRemoteSightings } from './sightings';
import { applyRemoteChanges, KV_PUSHING, SYNCED_TABLES, syncedPart, tableOf, writeTables, type LocalType } from './records';

const CONFIG = 'sync.config';
const STATE = 'sync.state';

export interface SyncConfig {
  /** The server's base address, e.g. https://sync.example.org */
  url: string;
  token: string;
}

export interface RejectedChange {
  seq: number;
  type: string;
  record: string;
  reason: string;
  at: number;
}

export interface SyncState {
  /** Pull cursor; "" before the first pull. */
  cursor: string;
  lastSync?: number;
  lastError?: string;
  lastErrorAt?: number;
  /** Failed attempts in a row (back-off grows with it). */
  failures: number;
  /** Automatic syncs wait until then after failures. */
  nextAttemptAt?: number;
  /** Changes the server refused as invalid: kept here, never dropped, shown to the user. */
  rejected: RejectedChange[];
}

const EMPTY_STATE: SyncState = { cursor: '', failures: 0, rejected: [] };

export async function getSyncConfig(): Promise<SyncConfig | undefined> {
  return (await db.kv.get(CONFIG))?.value as SyncConfig | undefined;
}

export async function getSyncState(): Promise<SyncState> {
  return { ...EMPTY_STATE, ...((await db.kv.get(STATE))?.value as Partial<SyncState> | undefined) };
}

export async function updateSyncState(patch: Partial<SyncState>): Promise<SyncState> {
  return db.transaction('rw', db.kv, async () => {
    const next = { ...(await getSyncState()), ...patch };
    await db.kv.put({ key: STATE, value: next });
    return next;
  });
}

/**
 * Sets (or, with undefined, forgets) the server. A new server or account starts from an
 * empty cursor and is sent everything this browser holds, not only what changed lately.
 */
export async function setSyncConfig(config: SyncConfig | undefined): Promise<void> {
  await db.transaction('rw', [...writeTables(...(Object.keys(SYNCED_TABLES) as LocalType[]))], async () => {
    const previous = await getSyncConfig();
    if (!config) {
      await db.kv.delete(CONFIG);
      return;
    }
    await db.kv.put({ key: CONFIG, value: config });
    if (previous?.url === config.url && previous.token === config.token) return;
    await db.kv.put({ key: STATE, value: { ...EMPTY_STATE } });
    await db.kv.put({ key: KV_PUSHING, value: 0 });
    await queueEverything();
  });
}

/** Queues every record this browser holds, as one change each, for a server that has none of them. */
async function queueEverything(): Promise<void> {
  const device = (await db.kv.get('device'))?.value as string | undefined;
  for (const type of Object.keys(SYNCED_TABLES) as LocalType[]) {
    const rows = await tableOf(type).toArray();
    for (const row of rows) {
      const { id, clock, ...fields } = syncedPart(row) as typeof row & Record<string, unknown>;
      const stamps = Object.values(clock);
      if (stamps.length === 0) continue;
      const hlc = stamps.reduce((a, b) => (a > b ? a : b));
      const entry: OutboxEntry = { type, record: id, fields, hlc, device: device ?? hlc.split(':')[2]!, at: Date.now() };
      const existing = await db.outbox.where('[type+record]').equals([type, id]).first();
      if (existing) await db.outbox.put({ ...existing, fields: { ...fields, ...existing.fields }, hlc: existing.hlc > hlc ? existing.hlc : hlc });
      else await db.outbox.add(entry);
    }
  }
}

export async function pendingChanges(): Promise<number> {
  return db.outbox.count();
}

/** The oldest queued changes, in order: at most `max` of them and about `maxBytes` of JSON (always at least one). */
export async function outboxBatch(max: number, maxBytes: number): Promise<OutboxEntry[]> {
  const out: OutboxEntry[] = [];
  let bytes = 0;
  await db.outbox
    .orderBy('seq')
    .until(() => out.length >= max || bytes >= maxBytes)
    .each((e) => {
      const size = JSON.stringify(e).length;
      if (out.length > 0 && bytes + size > maxBytes) {
        bytes = maxBytes;
        return;
      }
      out.push(e);
      bytes += size;
    });
  return out;
}

/** Notes that a push with these entries is under way: they must not be rewritten until acknowledged. */
export async function markPushing(lastSeq: number): Promise<void> {
  await db.kv.put({ key: KV_PUSHING, value: lastSeq });
}

/** The server has applied every change up to this id: drop them from the queue. */
export async function acknowledge(lastMutationId: number): Promise<void> {
  await db.transaction('rw', db.outbox, db.kv, async () => {
    await db.outbox.where('seq').belowOrEqual(lastMutationId).delete();
    await db.kv.put({ key: KV_PUSHING, value: 0 });
  });
}

/** Sets aside a change the server refuses as invalid, with the reason; the local record keeps it. */
export async function reject(entry: OutboxEntry, reason: string): Promise<void> {
  await db.transaction('rw', db.outbox, db.kv, async () => {
    const state = await getSyncState();
    const rejected = [...state.rejected, { seq: entry.seq!, type: entry.type, record: entry.record, reason, at: Date.now() }].slice(-100);
    await db.kv.put({ key: STATE, value: { ...state, rejected } });
    await db.outbox.delete(entry.seq!);
  });
}

/** Applies one pulled page and moves the cursor past it, together or not at all. */
export async function applyPulled(changes: readonly Change[], cursor: string): Promise<number> {
  return db.transaction('rw', [...writeTables(...(Object.keys(SYNCED_TABLES) as LocalType[])), db.sightings], async () => {
    const changed = (await applyRemoteChanges(changes)) + (await applyRemoteSightings(changes));
    const state = await getSyncState();
    await db.kv.put({ key: STATE, value: { ...state, cursor } });
    return changed;
  });
}
