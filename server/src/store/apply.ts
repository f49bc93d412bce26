// What a push does to a user's records, apart from the database: each mutation merges
// into the record's current state by the model's field-level rule, in order, and each
// text that lost a concurrent edit becomes a revision record. The caller loads records
// and writes the result inside its locked transaction.

import { mergeChange, type Mutation, type RecordType, type StoredFields } from '../../../model';

export interface StoredRecord extends StoredFields {
  type: RecordType;
  id: string;
}

export interface RecordKey {
  type: RecordType;
  id: string;
}

/** Loads the current state of the given records; missing ones are simply absent. */
export type LoadRecords = (keys: readonly RecordKey[]) => Promise<StoredRecord[]>;

export function recordKey(type: string, id: string): string {
  return `${type}\u0000${id}`;
}

/**
 * Applies mutations in order. Returns every record that changed, in the order of its
 * last change, each once with its final state.
 */
export async function applyMutations(mutations: readonly Mutation[], load: LoadRecords, now: number): Promise<StoredRecord[]> {
  const known = new Map<string, StoredRecord | null>();
  const remember = (keys: readonly RecordKey[], found: readonly StoredRecord[]) => {
    for (const k of keys) known.set(recordKey(k.type, k.id), null);
    for (const r of found) known.set(recordKey(r.type, r.id), r);
  };
  const targets = uniqueKeys(mutations.map((m) => ({ type: m.type, id: m.record })));
  remember(targets, await load(targets));

  const dirty = new Map<string, StoredRecord>();
  const write = (record: StoredRecord) => {
    const key = recordKey(record.type, record.id);
    known.set(key, record);
    // Re-inserting moves the record to the end: its sequence number follows its last change.
    dirty.delete(key);
    dirty.set(key, record);
  };

  for (const m of mutations) {
    const key = recordKey(m.type, m.record);
    const current = known.get(key) ?? undefined;
    const merged = mergeChange(current, { type: m.type, record: m.record, hlc: m.hlc, fields: m.fields, ...(m.base ? { base: m.base } : {}) });
    if (merged.changed) write({ type: m.type, id: m.record, ...merged.next });
    for (const loser of merged.losers) {
      const revKey = recordKey('revision', loser.id);
      // Conflicts are rare: a revision that may already exist is looked up when it appears.
      if (!known.has(revKey)) {
        const k: RecordKey = { type: 'revision', id: loser.id };
        remember([k], await load([k]));
      }
      const existing = known.get(revKey) ?? undefined;
      // The same losing text has the same id; if it is kept already, a deletion of it stands.
      const fields = existing ? loser.fields : { ...loser.fields, createdAt: now, updatedAt: now, deleted: false };
      const kept = mergeChange(existing, { type: 'revision', record: loser.id, hlc: m.hlc, fields });
      if (kept.changed) write({ type: 'revision', id: loser.id, ...kept.next });
    }
  }
  return [...dirty.values()];
}

function uniqueKeys(keys: readonly RecordKey[]): RecordKey[] {
  const seen = new Map<string, RecordKey>();
  for (const k of keys) seen.set(recordKey(k.type, k.id), k);
  return [...seen.values()];
}
