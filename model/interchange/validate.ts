// Checking imported records, and saying what is wrong in words a journalist reads
// without a manual. The records' own schemas (records.ts) decide what is valid; this
// file only collects every problem instead of the first, puts each where it is in the
// file, and rewords the schema library's defaults ("Invalid type: Expected string but
// received 3") as sentences ("the title must be text").

import * as v from 'valibot';
import { ArticleId, checkRecord, FIELDS, NoteId, type Fields } from '../records';
import type { Issue } from './types';

export type Key = string | number;

/** A path in the file as people write it: `notes[3].tags[0]`, `first.items[2].target.source`. */
export function pathOf(base: string, keys: readonly Key[]): string {
  let out = base;
  for (const k of keys) out = typeof k === 'number' ? `${out}[${k}]` : out === '' ? k : `${out}.${k}`;
  return out;
}

// The common fields as records.ts defines them; checkRecord below stays the judge, so
// a difference between the two could only add a message, never let a record through.
const Millis = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8.64e15));
const META = { createdAt: Millis, updatedAt: Millis, deleted: v.boolean() };
const SCHEMAS = {
  article: { id: ArticleId, fields: v.strictObject({ ...FIELDS.article, ...META }) },
  note: { id: NoteId, fields: v.strictObject({ ...FIELDS.note, ...META }) },
};

const LABELS: Record<string, string> = {
  id: 'the id',
  url: "the article's address",
  title: 'the title',
  site: 'the site',
  published: 'the publication date',
  lang: 'the language',
  createdAt: 'the time it was written',
  updatedAt: 'the time it was last changed',
  deleted: '"deleted"',
  articleId: "the note's article",
  body: "the note's text",
  tags: 'the tags',
  entities: 'the entities',
  quote: 'the quote',
  position: 'the position of the quote',
  exact: 'the quoted text',
  prefix: 'the text before the quote',
  suffix: 'the text after the quote',
  start: 'the start',
  end: 'the end',
};
const ELEMENT_LABELS: Record<string, string> = { tags: 'a tag', entities: 'an entity' };

function subjectOf(keys: readonly Key[], type: 'article' | 'note'): string {
  const last = keys[keys.length - 1];
  if (last === undefined) return type === 'note' ? 'the note' : 'the article';
  if (typeof last === 'number') return ELEMENT_LABELS[String(keys[keys.length - 2])] ?? 'an item';
  return LABELS[last] ?? `"${last}"`;
}

function count(n: unknown, unit = ''): string {
  return `${typeof n === 'number' ? n.toLocaleString('en') : String(n)} ${unit}`.trim();
}

/** A schema issue as a sentence about `subject`. */
export function plainMessage(issue: v.BaseIssue<unknown>, subject: string): string {
  // Messages written in records.ts are already sentences or predicates; keep them.
  if (!issue.message.startsWith('Invalid ')) {
    return /^(must|is|cannot)\b/.test(issue.message) ? `${subject} ${issue.message}` : issue.message;
  }
  const text = typeof issue.input === 'string';
  switch (issue.type) {
    case 'strict_object':
    case 'object':
      if (issue.expected === 'never') return `${subject} is not something Gloss keeps here`;
      if (issue.received === 'undefined') return `${subject} is missing`;
      return `${subject} must be a group of named values ({ … })`;
    case 'string':
      // The reader is looking at JSON, where text is what stands in double quotes.
      return issue.received === 'undefined' ? `${subject} is missing` : `${subject} must be text in double quotes`;
    case 'number':
      return `${subject} must be a number`;
    case 'boolean':
      return `${subject} must be true or false`;
    case 'array':
      return `${subject} must be a list`;
    case 'integer':
      return `${subject} must be a whole number`;
    case 'min_value':
      return issue.requirement === 0 ? `${subject} cannot be negative` : `${subject} must be at least ${count(issue.requirement)}`;
    case 'max_value':
      return `${subject} is too large`;
    case 'max_length':
      return text ? `${subject} is too long (at most ${count(issue.requirement, 'characters')})` : `${subject} has too many items (at most ${count(issue.requirement)})`;
    case 'min_length':
      return issue.requirement === 1 ? `${subject} cannot be empty` : `${subject} is too short (at least ${count(issue.requirement, 'characters')})`;
    case 'url':
      return `${subject} must be a web address`;
    default:
      return `${subject} is not valid`;
  }
}

/** A value from the file, quoted in a message: short, whatever the file holds. */
export function shown(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 40 ? `${json.slice(0, 39)}…` : json;
}

export interface Checked<T> {
  issues: Issue[];
  /** The record as checkRecord returns it, when there are no issues. */
  value?: T;
}

/**
 * Every problem with an imported article or note. `where` turns the key path of a
 * field in the record into the path of the value in the file; a format that spreads a
 * record over several places (JSON-LD) maps each field to where it came from.
 */
export function checkImported<T extends 'article' | 'note'>(
  type: T,
  record: Record<string, unknown>,
  where: (keys: readonly Key[]) => string,
): Checked<Fields<T> & { id: string }> {
  const issues: Issue[] = [];
  const { id, ...fields } = record;
  const schema = SCHEMAS[type];
  const idResult = v.safeParse(schema.id, id);
  if (!idResult.success) for (const issue of idResult.issues) issues.push({ path: where(['id']), message: plainMessage(issue, LABELS.id!) });
  const fieldResult = v.safeParse(schema.fields, fields);
  if (!fieldResult.success) {
    for (const issue of fieldResult.issues) {
      const keys = (issue.path ?? []).map((p) => p.key as Key);
      issues.push({ path: where(keys), message: plainMessage(issue, subjectOf(keys, type)) });
    }
  }
  const final = checkRecord(type, record);
  if (final.ok) return issues.length === 0 ? { issues, value: final.value } : { issues };
  if (issues.length === 0) issues.push({ path: where([]), message: final.message });
  return { issues };
}
