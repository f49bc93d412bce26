// The records that travel between a reader's browsers, as validated schemas. Each is
// a set of fields under a stable id; every field carries its own clock (clock.ts) so
// that two browsers editing different fields of one record both keep their change.
// Nothing is ever removed: `deleted: true` is a tombstone that syncs like any field.
//
// This module is shared by the extension and the sync server; it imports neither.

import * as v from 'valibot';
import type { Hlc } from './clock';

export const RECORD_TYPES = ['article', 'note', 'entityNote', 'mute', 'siteSetting', 'pack', 'revision', 'sighting'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

const EntityId = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9.-]{0,79}$/, 'must be an entity id (lower-case letters, digits, "." or "-")'));
export const ArticleId = v.pipe(v.string(), v.regex(/^a[0-9a-f]{32}$/, 'must be an article id ("a" and 32 hex digits)'));
export const NoteId = v.pipe(v.string(), v.regex(/^[0-9a-z]{26}$/, 'must be a note id (26 lower-case letters and digits)'));
const Host = v.pipe(v.string(), v.regex(/^(\*|[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?(:\d{1,5})?)$/, 'must be a host name such as "example.com", or "*" for every site'));
const HttpUrl = v.pipe(v.string(), v.maxLength(2000, 'an address is at most 2,000 characters'), v.url('must be a URL'), v.regex(/^https?:\/\//, 'must be an http(s) address'));
const HlcString = v.pipe(v.string(), v.regex(/^\d{15}:\d{5}:[a-z0-9]{8,32}$/, 'must be a clock stamp'));
const Millis = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8.64e15));
const Tag = v.pipe(v.string(), v.trim(), v.minLength(1, 'a tag cannot be empty'), v.maxLength(60, 'a tag is at most 60 characters'));

export const MAX_NOTE_LENGTH = 20_000;
export const MAX_QUOTE_LENGTH = 5_000;
export const QUOTE_CONTEXT_LENGTH = 32;
export const MAX_PACK_JSON = 4 * 1024 * 1024;

/** W3C Web Annotation TextQuoteSelector: the quoted text and a little on either side. */
export const TextQuote = v.strictObject({
  exact: v.pipe(v.string(), v.minLength(1, 'the quote cannot be empty'), v.maxLength(MAX_QUOTE_LENGTH, `a quote is at most ${MAX_QUOTE_LENGTH.toLocaleString('en')} characters`)),
  prefix: v.pipe(v.string(), v.maxLength(200)),
  suffix: v.pipe(v.string(), v.maxLength(200)),
});
export type TextQuote = v.InferOutput<typeof TextQuote>;

/** W3C Web Annotation TextPositionSelector: offsets into the page's text. */
export const TextPosition = v.pipe(
  v.strictObject({ start: v.pipe(v.number(), v.integer(), v.minValue(0)), end: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
  v.check((p) => p.end > p.start, 'a position must end after it starts'),
);
export type TextPosition = v.InferOutput<typeof TextPosition>;

/** Fields every synced record has. */
const meta = {
  createdAt: Millis,
  updatedAt: Millis,
  deleted: v.boolean(),
};

/** The data fields of each type, apart from the common ones. */
export const FIELDS = {
  article: {
    url: HttpUrl,
    title: v.pipe(v.string(), v.maxLength(1000)),
    site: v.pipe(v.string(), v.maxLength(255)),
    published: v.nullable(v.pipe(v.string(), v.maxLength(40))),
    lang: v.nullable(v.pipe(v.string(), v.maxLength(35))),
  },
  note: {
    articleId: ArticleId,
    body: v.pipe(v.string(), v.maxLength(MAX_NOTE_LENGTH, `a note is at most ${MAX_NOTE_LENGTH.toLocaleString('en')} characters`)),
    tags: v.pipe(v.array(Tag), v.maxLength(50, 'a note has at most 50 tags')),
    entities: v.pipe(v.array(EntityId), v.maxLength(100, 'a note concerns at most 100 entities')),
    quote: v.nullable(TextQuote),
    position: v.nullable(TextPosition),
  },
  entityNote: {
    entity: EntityId,
    body: v.pipe(v.string(), v.maxLength(4000, 'a note on an entity is at most 4,000 characters')),
  },
  mute: {
    entity: EntityId,
  },
  siteSetting: {
    site: Host,
    /** Gloss does not read pages of this site (or, for "*", is paused everywhere). */
    off: v.boolean(),
    /** Every mention, or only the first of each entity. */
    mode: v.picklist(['all', 'first']),
    /** Kinds of entity not highlighted. */
    hiddenKinds: v.pipe(v.array(v.pipe(v.string(), v.regex(/^[a-z]{2,20}$/))), v.maxLength(20)),
  },
  pack: {
    /** The pack file as imported; the receiving browser checks it again before installing. */
    json: v.pipe(v.string(), v.maxLength(MAX_PACK_JSON, 'a pack that syncs is at most 4 MB')),
    version: v.pipe(v.string(), v.maxLength(40)),
    name: v.pipe(v.string(), v.maxLength(200)),
  },
  revision: {
    /** The record whose text this was. */
    targetType: v.picklist(['note', 'entityNote']),
    targetId: v.pipe(v.string(), v.maxLength(200)),
    field: v.picklist(['body']),
    /** The text that lost a concurrent edit. */
    value: v.pipe(v.string(), v.maxLength(MAX_NOTE_LENGTH)),
    /** When and where the losing text was written. */
    hlc: HlcString,
  },
  sighting: {
    url: HttpUrl,
    entity: EntityId,
    count: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000)),
    title: v.pipe(v.string(), v.maxLength(1000)),
    lastSeen: Millis,
  },
} as const satisfies Record<RecordType, v.ObjectEntries>;

/** Text fields whose concurrent edits are both kept: the loser becomes a revision. */
export const KEPT_ON_CONFLICT: Partial<Record<RecordType, readonly string[]>> = {
  note: ['body'],
  entityNote: ['body'],
};

/** What each type's id must look like, and how it relates to its fields. */
const ID_RULES: Record<RecordType, { schema: v.GenericSchema<string, string>; equals?: string }> = {
  article: { schema: ArticleId },
  note: { schema: NoteId },
  entityNote: { schema: EntityId, equals: 'entity' },
  mute: { schema: EntityId, equals: 'entity' },
  siteSetting: { schema: Host, equals: 'site' },
  pack: { schema: EntityId },
  revision: { schema: v.pipe(v.string(), v.regex(/^[a-zA-Z]+:[a-z0-9.-]{1,80}@\d{15}:\d{5}:[a-z0-9]{8,32}$/, 'must be "<type>:<id>@<clock>"')) },
  // The reading-history row of an entity on an article: "<entity>|<address>". The id alone
  // names the row (a deletion carries no fields), so it is held to the fields' rules.
  sighting: {
    schema: v.pipe(v.string(), v.maxLength(2100), v.regex(/^[a-z0-9][a-z0-9.-]{0,79}\|https?:\/\/\S+$/, 'must be "<entity>|<http(s) address>"')),
  },
};

/** Each type's whole record (without id), as a schema. */
const FULL = {
  article: v.strictObject({ ...FIELDS.article, ...meta }),
  note: v.strictObject({ ...FIELDS.note, ...meta }),
  entityNote: v.strictObject({ ...FIELDS.entityNote, ...meta }),
  mute: v.strictObject({ ...FIELDS.mute, ...meta }),
  siteSetting: v.strictObject({ ...FIELDS.siteSetting, ...meta }),
  pack: v.strictObject({ ...FIELDS.pack, ...meta }),
  revision: v.strictObject({ ...FIELDS.revision, ...meta }),
  sighting: v.strictObject({ ...FIELDS.sighting, ...meta }),
} satisfies Record<RecordType, v.GenericSchema>;

export type Fields<T extends RecordType> = v.InferOutput<(typeof FULL)[T]>;

/** A record as kept in a browser: its fields, plus the clock of each field. */
export type SyncRecord<T extends RecordType = RecordType> = { id: string; clock: Record<string, Hlc> } & Fields<T>;

export type ArticleRecord = SyncRecord<'article'>;
export type NoteRecord = SyncRecord<'note'>;
export type EntityNoteRecord = SyncRecord<'entityNote'>;
export type MuteRecord = SyncRecord<'mute'>;
export type SiteSettingRecord = SyncRecord<'siteSetting'>;
export type PackSyncRecord = SyncRecord<'pack'>;
export type RevisionRecord = SyncRecord<'revision'>;
export type SightingSyncRecord = SyncRecord<'sighting'>;

const PARTIAL = Object.fromEntries(RECORD_TYPES.map((t) => [t, v.partial(FULL[t] as v.StrictObjectSchema<v.ObjectEntries, undefined>)])) as unknown as Record<RecordType, v.GenericSchema>;

export type FieldCheck<T> = { ok: true; value: T } | { ok: false; message: string };

/** The first issue, with its path. A key a strict object does not know is named as such (valibot says "Expected never"). */
export function firstIssue(issues: readonly v.BaseIssue<unknown>[], unknownKey = 'is not a known field'): string {
  const issue = issues[0]!;
  const where = issue.path?.map((p) => String(p.key)).join('.') ?? '';
  const message = issue.type === 'strict_object' && issue.expected === 'never' ? unknownKey : issue.message;
  return where ? `${where}: ${message}` : message;
}

/** Checks a record's id for its type. */
export function checkId(type: RecordType, id: unknown): FieldCheck<string> {
  const r = v.safeParse(ID_RULES[type].schema as v.GenericSchema, id);
  return r.success ? { ok: true, value: r.output as string } : { ok: false, message: `id: ${firstIssue(r.issues)}` };
}

/** Checks some fields of a record (a change): each must be a known field with a valid value. */
export function checkFields<T extends RecordType>(type: T, id: string, fields: unknown): FieldCheck<Partial<Fields<T>>> {
  const idCheck = checkId(type, id);
  if (!idCheck.ok) return idCheck;
  const r = v.safeParse(PARTIAL[type], fields);
  if (!r.success) return { ok: false, message: firstIssue(r.issues, `is not a field of ${type}`) };
  const equals = ID_RULES[type].equals;
  if (equals && equals in (r.output as object) && (r.output as Record<string, unknown>)[equals] !== id) {
    return { ok: false, message: `${equals}: must be the same as the record's id "${id}"` };
  }
  if (type === 'sighting') {
    const { entity, url } = r.output as { entity?: string; url?: string };
    if ((entity !== undefined || url !== undefined) && (entity ?? id.slice(0, id.indexOf('|'))) + '|' + (url ?? id.slice(id.indexOf('|') + 1)) !== id) {
      return { ok: false, message: `entity and url: must be those of the record's id "${id.slice(0, 120)}"` };
    }
  }
  return { ok: true, value: r.output as Partial<Fields<T>> };
}

/** Checks a whole record (an import): every field present and valid. */
export function checkRecord<T extends RecordType>(type: T, record: unknown): FieldCheck<Fields<T> & { id: string }> {
  if (typeof record !== 'object' || record === null) return { ok: false, message: 'must be an object' };
  const { id, ...fields } = record as { id?: unknown };
  const idCheck = checkId(type, id);
  if (!idCheck.ok) return idCheck;
  const r = v.safeParse(FULL[type] as v.GenericSchema, fields);
  if (!r.success) return { ok: false, message: firstIssue(r.issues, `is not a field of ${type}`) };
  const equals = ID_RULES[type].equals;
  if (equals && (r.output as Record<string, unknown>)[equals] !== id) return { ok: false, message: `${equals}: must be the same as the record's id` };
  return { ok: true, value: { id: idCheck.value, ...(r.output as Fields<T>) } };
}

export function isRecordType(t: unknown): t is RecordType {
  return typeof t === 'string' && (RECORD_TYPES as readonly string[]).includes(t);
}

/** The names of a type's fields, the common ones included. */
export function fieldNames(type: RecordType): string[] {
  return [...Object.keys(FIELDS[type]), ...Object.keys(meta)];
}

/** The id of the revision that keeps a losing text. */
export function revisionId(targetType: string, targetId: string, hlc: Hlc): string {
  return `${targetType}:${targetId}@${hlc}`;
}

/** Sightings are per article and entity. */
export function sightingId(url: string, entity: string): string {
  return `${entity}|${url}`;
}
