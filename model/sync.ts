// The sync protocol's messages (docs/sync-protocol.md), validated on both ends.
// A client pushes its outbox as mutations, each with a per-client increasing id, and
// pulls the current state of every record changed since its cursor. Merging is
// field-level last-writer-wins by hybrid logical clock (merge.ts).

import * as v from 'valibot';
import { hlcWall } from './clock';
import { checkFields, fieldNames, firstIssue, isRecordType, type RecordType } from './records';

export const PROTOCOL_VERSION = 1;
/** Largest push the server takes, in mutations and bytes; a client splits bigger ones. */
export const MAX_PUSH_MUTATIONS = 500;
export const MAX_REQUEST_BYTES = 8 * 1024 * 1024;
/** Most changes one pull returns; `more` says whether another page follows. */
export const PULL_PAGE_SIZE = 500;
/** A clock stamp further ahead of the server's time than this is refused (a device with a wrong clock would otherwise win every edit). */
export const MAX_CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;

export const ClientId = v.pipe(v.string(), v.regex(/^[a-z0-9]{8,32}$/, 'must be 8 to 32 lower-case letters or digits'));
const Hlc = v.pipe(v.string(), v.regex(/^\d{15}:\d{5}:[a-z0-9]{8,32}$/, 'must be a clock stamp "WWWWWWWWWWWWWWW:CCCCC:device"'));

const MutationShape = v.strictObject({
  /** Increases with every mutation a client makes; the server applies each id once. */
  id: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER)),
  type: v.pipe(v.string(), v.check((t: string) => isRecordType(t), 'is not a record type')),
  record: v.pipe(v.string(), v.minLength(1), v.maxLength(2100)),
  hlc: Hlc,
  /** The fields this change sets (a tombstone is `deleted: true`). */
  fields: v.record(v.string(), v.unknown()),
  /** For text kept on conflict: the clock of the version the edit started from (null for a new text). */
  base: v.optional(v.record(v.string(), v.nullable(Hlc))),
});

export interface Mutation {
  id: number;
  type: RecordType;
  record: string;
  hlc: string;
  fields: Record<string, unknown>;
  base?: Record<string, string | null>;
}

export const PushRequest = v.strictObject({
  protocol: v.literal(PROTOCOL_VERSION, `protocol must be ${PROTOCOL_VERSION}`),
  clientId: ClientId,
  mutations: v.pipe(v.array(v.unknown()), v.maxLength(MAX_PUSH_MUTATIONS, `a push holds at most ${MAX_PUSH_MUTATIONS} mutations`)),
});

export interface PushResponse {
  /** The highest mutation id of this client the server has applied (now or before). */
  lastMutationId: number;
  /** How many mutations of this push were applied now; the rest had been applied before. */
  applied: number;
}

export interface Change {
  type: RecordType;
  record: string;
  /** The record's current fields. */
  fields: Record<string, unknown>;
  /** Each field's clock. */
  clock: Record<string, string>;
}

export interface PullResponse {
  changes: Change[];
  /** Give it back as ?cursor= to get what changed after this answer. */
  cursor: string;
  /** True when more changes wait: pull again at once with the new cursor. */
  more: boolean;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** Validates a push body: its shape, then every mutation, each named by its index. */
export function checkPush(body: unknown): Checked<{ clientId: string; mutations: Mutation[] }> {
  const r = v.safeParse(PushRequest, body);
  if (!r.success) return { ok: false, message: describe(r.issues) };
  const mutations: Mutation[] = [];
  let last = 0;
  for (const [i, raw] of r.output.mutations.entries()) {
    const m = checkMutation(raw);
    if (!m.ok) return { ok: false, message: `mutations[${i}]: ${m.message}` };
    if (m.value.id <= last) return { ok: false, message: `mutations[${i}].id: ids must increase within a push (${m.value.id} after ${last})` };
    last = m.value.id;
    mutations.push(m.value);
  }
  return { ok: true, value: { clientId: r.output.clientId, mutations } };
}

export function checkMutation(raw: unknown): Checked<Mutation> {
  const r = v.safeParse(MutationShape, raw);
  if (!r.success) return { ok: false, message: describe(r.issues) };
  const m = r.output as Mutation;
  if (Object.keys(m.fields).length === 0) return { ok: false, message: 'fields: a mutation sets at least one field' };
  const fields = checkFields(m.type, m.record, m.fields);
  if (!fields.ok) return { ok: false, message: `${m.type} "${m.record}": ${fields.message}` };
  if (m.base) {
    for (const name of Object.keys(m.base)) {
      if (!(name in m.fields)) return { ok: false, message: `base.${name}: names a field the mutation does not set` };
    }
  }
  return { ok: true, value: { ...m, fields: fields.value as Record<string, unknown> } };
}

/** A pull cursor is the server's to choose, but short: it goes back in the query string. */
const MAX_CURSOR_LENGTH = 200;

/**
 * Validates a pull answer, change by change. Nothing of it is used as sent: each change
 * is rebuilt from its checked fields and the clocks of fields its type has. A clock
 * stamp further ahead of this device's time than two days (the server allows a device
 * one day ahead of its own) is refused: it would win every later edit and push this
 * browser's own clock past what a stamp can hold.
 */
export function checkPull(body: unknown, now = Date.now()): Checked<PullResponse> {
  if (typeof body !== 'object' || body === null) return { ok: false, message: 'a pull answer is an object' };
  const b = body as Partial<PullResponse>;
  if (!Array.isArray(b.changes) || typeof b.cursor !== 'string') return { ok: false, message: 'a pull answer has "changes" and "cursor"' };
  if (b.cursor.length > MAX_CURSOR_LENGTH) return { ok: false, message: `the cursor is longer than ${MAX_CURSOR_LENGTH} characters` };
  const latest = now + 2 * MAX_CLOCK_SKEW_MS;
  const changes: Change[] = [];
  for (const [i, c] of b.changes.entries()) {
    if (typeof c !== 'object' || c === null || !isRecordType(c.type) || typeof c.record !== 'string') return { ok: false, message: `changes[${i}] is not a change` };
    const fields = checkFields(c.type, c.record, c.fields);
    if (!fields.ok) return { ok: false, message: `changes[${i}]: ${fields.message}` };
    if (typeof c.clock !== 'object' || c.clock === null || Array.isArray(c.clock)) return { ok: false, message: `changes[${i}].clock is missing` };
    const names = new Set(fieldNames(c.type));
    const clock: Record<string, string> = {};
    for (const [name, stamp] of Object.entries(c.clock as Record<string, unknown>)) {
      if (!names.has(name)) return { ok: false, message: `changes[${i}].clock.${name} is not a field of ${c.type}` };
      if (typeof stamp !== 'string' || !/^\d{15}:\d{5}:[a-z0-9]{8,32}$/.test(stamp)) return { ok: false, message: `changes[${i}].clock.${name} is not a clock stamp` };
      if (hlcWall(stamp) > latest) return { ok: false, message: `changes[${i}].clock.${name} is more than ${(2 * MAX_CLOCK_SKEW_MS) / 3_600_000} hours ahead of this device's clock` };
      clock[name] = stamp;
    }
    changes.push({ type: c.type, record: c.record, fields: fields.value as Record<string, unknown>, clock });
  }
  return { ok: true, value: { changes, cursor: b.cursor, more: b.more === true } };
}

function describe(issues: readonly v.BaseIssue<unknown>[]): string {
  return firstIssue(issues, `is not part of sync protocol ${PROTOCOL_VERSION}`);
}
