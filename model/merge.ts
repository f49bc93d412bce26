// Field-level last-writer-wins, the one merge rule both ends apply. A field takes an
// incoming value only when the incoming clock is later than the field's own. For text
// kept on conflict, an edit that did not start from the version it replaces is a
// concurrent edit: the earlier of the two texts survives as a revision, never lost.

import { compareHlc, type Hlc } from './clock';
import { KEPT_ON_CONFLICT, revisionId, type RecordType } from './records';

export interface StoredFields {
  fields: Record<string, unknown>;
  clock: Record<string, Hlc>;
}

export interface LosingText {
  /** The revision record's id and fields. */
  id: string;
  fields: { targetType: string; targetId: string; field: string; value: string; hlc: Hlc };
}

export interface MergeResult {
  /** The record after the change. */
  next: StoredFields;
  /** Whether anything changed. */
  changed: boolean;
  /** Texts that lost a concurrent edit, to keep as revisions. */
  losers: LosingText[];
}

export interface IncomingChange {
  type: RecordType;
  record: string;
  hlc: Hlc;
  fields: Record<string, unknown>;
  /** Per-field clock of incoming values; defaults to `hlc` for every field. */
  clock?: Record<string, Hlc>;
  /** For kept text: the clock the edit started from. */
  base?: Record<string, Hlc | null>;
}

export function mergeChange(current: StoredFields | undefined, change: IncomingChange): MergeResult {
  const fields = { ...(current?.fields ?? {}) };
  const clock = { ...(current?.clock ?? {}) };
  const kept = KEPT_ON_CONFLICT[change.type] ?? [];
  const losers: LosingText[] = [];
  let changed = false;
  for (const [name, value] of Object.entries(change.fields)) {
    const incoming = change.clock?.[name] ?? change.hlc;
    const mine = clock[name];
    const incomingWins = mine === undefined || compareHlc(incoming, mine) > 0;
    if (kept.includes(name) && change.base && name in change.base && mine !== undefined) {
      const base = change.base[name] ?? null;
      const concurrent = base !== mine && incoming !== mine;
      if (concurrent && typeof fields[name] === 'string' && typeof value === 'string' && fields[name] !== value) {
        const [loserText, loserClock] = incomingWins ? [fields[name] as string, mine] : [value, incoming];
        if (loserText.trim() !== '') {
          losers.push({
            id: revisionId(change.type, change.record, loserClock),
            fields: { targetType: change.type, targetId: change.record, field: name, value: loserText, hlc: loserClock },
          });
        }
      }
    }
    if (incomingWins) {
      if (mine !== incoming || fields[name] !== value) changed = true;
      fields[name] = value;
      clock[name] = incoming;
    }
  }
  return { next: { fields, clock }, changed, losers };
}
