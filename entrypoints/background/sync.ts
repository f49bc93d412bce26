// The sync client: drains the outbox to the sync server and pulls what other browsers
// changed (docs/sync-protocol.md). No browser globals here (fetch is passed in), so the
// same code runs in the service worker and, in tests, against a real server from Node.
//
// Nothing is lost or doubled when the worker stops at any moment: queued changes leave
// the outbox only once the server's answer covers their ids (the server applies each id
// once), and a pulled page is applied together with its cursor.

import { checkPull, MAX_PUSH_MUTATIONS, PROTOCOL_VERSION, type Change, type PushResponse } from '../../model';
import type { SyncStatusReply } from '../../messaging/protocol';
import type { OutboxEntry } from '../../storage/db';
import { deviceId } from '../../storage/records';
import {
  acknowledge,
  applyPulled,
  getSyncConfig,
  getSyncState,
  markPushing,
  outboxBatch,
  pendingChanges,
  reject,
  updateSyncState,
  type SyncConfig,
  type SyncState,
} from '../../storage/sync-state';

/** Bytes of changes per push: well under the server's 8 MB limit. */
const PUSH_BYTES = 4 * 1024 * 1024;
const REQUEST_TIMEOUT_MS = 30_000;
/** Back-off after failures: 5 s, 10 s, 20 s... up to 15 minutes, with some jitter. */
const BACKOFF_BASE_MS = 5_000;
const BACKOFF_MAX_MS = 15 * 60_000;
/** The longest pause a server's Retry-After gets. */
const MAX_RETRY_AFTER_MS = 60 * 60_000;

export class SyncError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export interface SyncResult {
  pushed: number;
  pulled: number;
  /** Record types that changed here because of the pull. */
  changedTypes: Set<string>;
  /** Ids of pack records that changed (their packs must be installed or removed). */
  packs: string[];
  /** The pull stopped at MAX_PULL_PAGES with more to come: sync again soon. */
  more?: boolean;
}

export type SyncStatus = SyncStatusReply;

type Fetch = typeof fetch;

export function backoffDelay(failures: number, random = Math.random()): number {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.8 + 0.4 * random));
}

export async function syncStatus(): Promise<SyncStatus> {
  const [config, state, pending] = await Promise.all([getSyncConfig(), getSyncState(), pendingChanges()]);
  return {
    configured: config !== undefined,
    url: config?.url,
    lastSync: state.lastSync,
    lastError: state.lastError,
    lastErrorAt: state.lastErrorAt,
    nextAttemptAt: state.nextAttemptAt,
    pending,
    rejected: state.rejected.map(({ type, record, reason }) => ({ type, record, reason })),
  };
}

/** The server's address with a path, never with the token in it. */
function endpoint(config: SyncConfig, path: string): string {
  return new URL(path, config.url.endsWith('/') ? config.url : `${config.url}/`).href;
}

async function request(fetchFn: Fetch, config: SyncConfig, path: string, init: RequestInit = {}): Promise<unknown> {
  let res: Response;
  try {
    res = await fetchFn(endpoint(config, path), {
      ...init,
      headers: { ...(init.headers ?? {}), authorization: `Bearer ${config.token}`, 'content-type': 'application/json' },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (e) {
    throw new SyncError(`cannot reach the sync server (${short(e instanceof Error ? e.message : String(e))})`);
  }
  const text = await readCapped(res);
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw new SyncError(`the sync server answered ${res.status} with something that is not JSON`, res.status);
  }
  if (!res.ok) {
    const reason = (body as { error?: unknown } | undefined)?.error;
    const message = typeof reason === 'string' ? short(reason) : `HTTP ${res.status}`;
    const retry = Number(res.headers.get('retry-after'));
    if (res.status === 401) throw new SyncError(`the sync server refused the token (${message})`, 401);
    // A server asks for a pause; it cannot switch automatic sync off (an hour at most).
    throw new SyncError(`the sync server refused: ${message}`, res.status, Number.isFinite(retry) && retry > 0 ? Math.min(retry * 1000, MAX_RETRY_AFTER_MS) : undefined);
  }
  return body;
}

/**
 * The most of an answer read: a pull page holds at most 8 MiB of records past its first
 * one, and a record (a 4 MB pack, escaped) fits beside that. A server that sends more,
 * or never stops, is cut off before the service worker runs out of memory.
 */
const MAX_ANSWER_BYTES = 32 * 1024 * 1024;

async function readCapped(res: Response): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  const tooLarge = () => new SyncError(`the sync server's answer is too large (more than ${MAX_ANSWER_BYTES / 1024 / 1024} MiB)`, res.status);
  if (declared > MAX_ANSWER_BYTES) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    bytes += value.byteLength;
    if (bytes > MAX_ANSWER_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
}

/** What a server says about a refusal is kept and shown to the reader: a sentence, not whatever it sent. */
const MAX_REASON = 300;

function short(text: string): string {
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 1)}…` : text;
}

function toMutation(e: OutboxEntry) {
  return { id: e.seq!, type: e.type, record: e.record, hlc: e.hlc, fields: e.fields, ...(e.base ? { base: e.base } : {}) };
}

/** Sends the whole outbox, in batches, oldest first. */
async function push(fetchFn: Fetch, config: SyncConfig, clientId: string): Promise<number> {
  let pushed = 0;
  let max = MAX_PUSH_MUTATIONS;
  for (;;) {
    const batch = await outboxBatch(max, PUSH_BYTES);
    if (batch.length === 0) return pushed;
    await markPushing(batch[batch.length - 1]!.seq!);
    try {
      const reply = (await request(fetchFn, config, 'v1/push', {
        method: 'POST',
        body: JSON.stringify({ protocol: PROTOCOL_VERSION, clientId, mutations: batch.map(toMutation) }),
      })) as PushResponse;
      if (typeof reply?.lastMutationId !== 'number') throw new SyncError('the sync server gave no lastMutationId');
      await acknowledge(reply.lastMutationId);
      pushed += batch.length;
      max = MAX_PUSH_MUTATIONS;
    } catch (e) {
      if (!(e instanceof SyncError)) throw e;
      if (e.status === 413 && batch.length > 1) {
        max = Math.max(1, Math.floor(batch.length / 2));
        continue;
      }
      // One change the server will never take (invalid, or too large alone) is set
      // aside with the reason, so it cannot hold up everything after it.
      const index = e.status === 400 ? /mutations\[(\d+)\]/.exec(e.message)?.[1] : undefined;
      if (index !== undefined && batch[Number(index)]) {
        await reject(batch[Number(index)]!, e.message);
        continue;
      }
      if (e.status === 413 && batch.length === 1) {
        await reject(batch[0]!, e.message);
        continue;
      }
      throw e;
    }
  }
}

/**
 * Pages pulled in one sync at most (500 changes each). A server that always says more is
 * coming cannot keep the service worker pulling forever: the cursor is kept with every
 * page, so the next sync goes on from where this one stopped.
 */
const MAX_PULL_PAGES = 200;

/** Pulls every page of changes since the cursor (up to MAX_PULL_PAGES). */
async function pull(fetchFn: Fetch, config: SyncConfig, result: SyncResult): Promise<void> {
  let { cursor } = await getSyncState();
  for (let pages = 1; ; pages++) {
    const body = await request(fetchFn, config, `v1/pull${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`);
    const checked = checkPull(body);
    if (!checked.ok) throw new SyncError(`the sync server sent a change Gloss cannot use: ${checked.message}`);
    const { changes, cursor: next, more } = checked.value;
    await applyPulled(changes, next);
    note(result, changes);
    result.pulled += changes.length;
    if (!more || next === cursor) return;
    if (pages >= MAX_PULL_PAGES) {
      result.more = true;
      return;
    }
    cursor = next;
  }
}

function note(result: SyncResult, changes: readonly Change[]): void {
  for (const c of changes) {
    result.changedTypes.add(c.type);
    if (c.type === 'pack') result.packs.push(c.record);
  }
}

/**
 * One sync: push everything queued, then pull everything new. Records the outcome
 * (and the back-off after a failure) in the sync state. Throws nothing: the state says.
 */
export async function syncOnce(fetchFn: Fetch = fetch, now = () => Date.now()): Promise<{ ok: boolean; result: SyncResult; state: SyncState }> {
  const result: SyncResult = { pushed: 0, pulled: 0, changedTypes: new Set(), packs: [] };
  const config = await getSyncConfig();
  if (!config) return { ok: false, result, state: await getSyncState() };
  try {
    const clientId = await deviceId();
    result.pushed = await push(fetchFn, config, clientId);
    await pull(fetchFn, config, result);
    const state = await updateSyncState({ lastSync: now(), lastError: undefined, lastErrorAt: undefined, failures: 0, nextAttemptAt: undefined });
    return { ok: true, result, state };
  } catch (e) {
    const previous = await getSyncState();
    const failures = previous.failures + 1;
    const wait = e instanceof SyncError && e.retryAfterMs ? Math.max(e.retryAfterMs, backoffDelay(failures)) : backoffDelay(failures);
    const message = short(e instanceof Error ? e.message : String(e));
    const state = await updateSyncState({ lastError: message, lastErrorAt: now(), failures, nextAttemptAt: now() + wait });
    return { ok: false, result, state };
  }
}
