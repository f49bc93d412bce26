// A journalist's notes: per article, optionally anchored to a quote on the page, with
// tags and the entities they concern. Each note is a record that syncs; deleting
// leaves a tombstone. Lists read only what they show: the newest page of notes comes
// from an index, and filters and searches start from the index of what they ask for.

import { newId, type ArticleIdentity, type NoteRecord, type RevisionRecord, type TextPosition, type TextQuote } from '../model';
import { ensureArticle, type ArticleInfo } from './articles';
import { db, type LocalNote } from './db';
import { RecordError, writeRecord, writeTables } from './records';
import { queryTerms } from './terms';

export interface NoteInput {
  body: string;
  tags?: string[];
  entities?: string[];
  quote?: TextQuote | null;
  position?: TextPosition | null;
}

/** Trimmed, without empty or repeated (case-insensitively) tags. */
export function cleanTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim().replace(/^#/, '').replace(/\s+/g, ' ');
    const key = tag.toLowerCase();
    if (tag === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(tag.slice(0, 60));
  }
  return out.slice(0, 50);
}

function noteFields(input: NoteInput) {
  return {
    body: input.body,
    tags: cleanTags(input.tags ?? []),
    entities: [...new Set(input.entities ?? [])],
    quote: input.quote ?? null,
    position: input.position ?? null,
  };
}

/** Adds a note to an article, recording the article too if it is new; one transaction. */
export async function addNote(article: Pick<ArticleIdentity, 'id' | 'url' | 'site'>, info: ArticleInfo, input: NoteInput): Promise<NoteRecord> {
  if (input.body.trim() === '' && !input.quote) throw new RecordError('a note needs some text or a quote');
  return db.transaction('rw', writeTables('article', 'note'), async () => {
    await ensureArticle(article, info);
    return writeRecord('note', newId(), { articleId: article.id, ...noteFields(input), deleted: false });
  });
}

/** Changes a note's text, tags or entities. */
export async function updateNote(id: string, changes: Partial<Pick<NoteInput, 'body' | 'tags' | 'entities'>>): Promise<NoteRecord> {
  return db.transaction('rw', writeTables('note'), async () => {
    const note = await db.notes.get(id);
    if (!note || note.deleted) throw new RecordError(`no note "${id}"`);
    const set: Record<string, unknown> = {};
    if (changes.body !== undefined && changes.body !== note.body) set.body = changes.body;
    if (changes.tags !== undefined) {
      const tags = cleanTags(changes.tags);
      if (tags.join('\u0000') !== note.tags.join('\u0000')) set.tags = tags;
    }
    if (changes.entities !== undefined) {
      const entities = [...new Set(changes.entities)];
      if (entities.join(',') !== note.entities.join(',')) set.entities = entities;
    }
    if (Object.keys(set).length === 0) return note;
    return writeRecord('note', id, set);
  });
}

export async function deleteNote(id: string): Promise<void> {
  const note = await db.notes.get(id);
  if (!note) throw new RecordError(`no note "${id}"`);
  if (!note.deleted) await writeRecord('note', id, { deleted: true });
}

/** Brings a deleted note back (undo). */
export async function undeleteNote(id: string): Promise<void> {
  const note = await db.notes.get(id);
  if (!note) throw new RecordError(`no note "${id}"`);
  if (note.deleted) await writeRecord('note', id, { deleted: false });
}

export async function getNote(id: string): Promise<LocalNote | undefined> {
  return db.notes.get(id);
}

/** An article's notes, oldest first. */
export async function notesOfArticle(articleId: string): Promise<LocalNote[]> {
  const rows = await db.notes.where('[articleId+createdAt]').between([articleId, -Infinity], [articleId, Infinity]).toArray();
  return rows.filter((n) => !n.deleted);
}

export async function countNotes(): Promise<number> {
  return db.notes.where('[live+createdAt]').between([1, -Infinity], [1, Infinity]).count();
}

export type NoteSort = 'newest' | 'oldest' | 'updated';

/** Up to this many matching notes are read and sorted; more are paged from the date index. */
const SMALL_SET = 2000;

export interface NoteQuery {
  /** Words to find in the note, its quote or its tags (the last word may be a prefix). */
  text?: string;
  entity?: string;
  tag?: string;
  site?: string;
  /** Created at or after / before, ms. */
  from?: number;
  to?: number;
  sort?: NoteSort;
  offset?: number;
  limit?: number;
}

export interface NotePage {
  notes: LocalNote[];
  total: number;
}

/**
 * One page of notes matching a query. Filters and search narrow a set of note ids from
 * their indexes (keys only); then the date index is walked in order, keys only, to pick
 * the page; only the notes shown are read.
 */
export async function findNotes(q: NoteQuery): Promise<NotePage> {
  const sort = q.sort ?? 'newest';
  const offset = q.offset ?? 0;
  const limit = q.limit ?? 50;
  const from = q.from ?? -Infinity;
  const to = q.to ?? Infinity;
  const dated = q.from !== undefined || q.to !== undefined;
  const terms = q.text ? queryTerms(q.text) : [];

  let keys: Set<string> | undefined;
  const narrow = (next: readonly string[]) => {
    keys = keys === undefined ? new Set(next) : new Set(next.filter((k) => keys!.has(k)));
  };
  if (q.entity) narrow(await db.notes.where('facets').equals(`e:${q.entity}`).primaryKeys());
  if (q.tag) narrow(await db.notes.where('facets').equals(`t:${q.tag}`).primaryKeys());
  // The longest words narrow most; the last word typed may be unfinished.
  const ordered = terms.map((t, i) => ({ t, prefix: i === terms.length - 1 })).sort((a, b) => b.t.length - a.t.length);
  for (const { t, prefix } of ordered) {
    if (keys?.size === 0) break;
    narrow(await (prefix ? db.notes.where('terms').startsWith(t) : db.notes.where('terms').equals(t)).primaryKeys());
  }
  if (q.site && keys?.size !== 0) {
    const articles = await db.articles.where('site').equals(q.site).primaryKeys();
    narrow(await db.notes.where('articleId').anyOf(articles).primaryKeys());
  }
  // Sorted by last change but limited by creation date: the dates narrow too.
  if (sort === 'updated' && dated && keys?.size !== 0) narrow(await db.notes.where('[live+createdAt]').between([1, from], [1, to], true, true).primaryKeys());

  // Dexie collections change in place (reverse, offset, limit): a new one for each use.
  const range = () =>
    sort === 'updated'
      ? db.notes.where('[live+updatedAt]').between([1, -Infinity], [1, Infinity])
      : db.notes.where('[live+createdAt]').between([1, from], [1, to], true, true);
  const walk = () => (sort === 'oldest' ? range() : range().reverse());
  if (keys === undefined) {
    const [total, notes] = await Promise.all([range().count(), walk().offset(offset).limit(limit).toArray()]);
    return { notes, total };
  }
  const chosen = keys;
  if (chosen.size === 0) return { notes: [], total: 0 };
  // Few matches: read them and sort them. Many: walk the date index (keys only) and
  // stop at the page; without date or site limits every chosen note is live (search
  // terms and facets are kept only for live notes), so the count is the set's size.
  if (chosen.size <= SMALL_SET) {
    const key = sort === 'updated' ? 'updatedAt' : 'createdAt';
    const rows = (await db.notes.bulkGet([...chosen])).filter(
      (n): n is LocalNote => n !== undefined && n.live === 1 && (sort === 'updated' || (n.createdAt >= from && n.createdAt <= to)),
    );
    rows.sort((a, b) => (sort === 'oldest' ? a[key] - b[key] : b[key] - a[key]) || a.id.localeCompare(b.id));
    return { notes: rows.slice(offset, offset + limit), total: rows.length };
  }
  const exactCount = !dated && !q.site;
  const page: string[] = [];
  let total = 0;
  await walk()
    .until(() => exactCount && page.length >= limit)
    .eachPrimaryKey((id) => {
      if (!chosen.has(id as string)) return;
      if (total >= offset && page.length < limit) page.push(id as string);
      total++;
    });
  if (exactCount) total = chosen.size;
  const notes = (await db.notes.bulkGet(page)).filter((n): n is LocalNote => n !== undefined);
  return { notes, total };
}

/** Tags and entities that live notes use, for filters. */
export async function noteFacets(): Promise<{ tags: string[]; entities: string[] }> {
  const facets = (await db.notes.orderBy('facets').uniqueKeys()) as string[];
  return {
    tags: facets.filter((f) => f.startsWith('t:')).map((f) => f.slice(2)),
    entities: facets.filter((f) => f.startsWith('e:')).map((f) => f.slice(2)),
  };
}

/** The kept texts of several notes at once (one index query), newest first for each. */
export async function revisionsFor(targetIds: readonly string[]): Promise<Map<string, RevisionRecord[]>> {
  const out = new Map<string, RevisionRecord[]>();
  if (targetIds.length === 0) return out;
  const rows = await db.revisions.where('targetId').anyOf([...targetIds]).toArray();
  for (const r of rows.filter((r) => !r.deleted).sort((a, b) => (a.hlc < b.hlc ? 1 : -1))) {
    const list = out.get(r.targetId);
    if (list) list.push(r);
    else out.set(r.targetId, [r]);
  }
  return out;
}

/** Texts that lost a concurrent edit of this note (or entity note), newest first. */
export async function revisionsOf(targetId: string): Promise<RevisionRecord[]> {
  const rows = await db.revisions.where('targetId').equals(targetId).toArray();
  return rows.filter((r) => !r.deleted).sort((a, b) => (a.hlc < b.hlc ? 1 : -1));
}

/** Puts a kept text back; the text it replaces is kept as a revision in turn. */
export async function restoreRevision(id: string): Promise<void> {
  await db.transaction('rw', writeTables('note', 'entityNote', 'revision'), async () => {
    const rev = await db.revisions.get(id);
    if (!rev || rev.deleted) throw new RecordError(`no revision "${id}"`);
    const table = rev.targetType === 'note' ? db.notes : db.entityNotes;
    const target = await table.get(rev.targetId);
    if (target && !target.deleted && target.body.trim() !== '' && target.body !== rev.value) {
      const stamp = target.clock.body ?? rev.hlc;
      await writeRecord('revision', `${rev.targetType}:${rev.targetId}@${stamp}`, {
        targetType: rev.targetType,
        targetId: rev.targetId,
        field: 'body',
        value: target.body,
        hlc: stamp,
        deleted: false,
      });
    }
    if (rev.targetType === 'note') await writeRecord('note', rev.targetId, { body: rev.value, deleted: false });
    else await writeRecord('entityNote', rev.targetId, { entity: rev.targetId, body: rev.value, deleted: false });
    await writeRecord('revision', id, { deleted: true });
  });
}

export async function dismissRevision(id: string): Promise<void> {
  const rev = await db.revisions.get(id);
  if (!rev) throw new RecordError(`no revision "${id}"`);
  if (!rev.deleted) await writeRecord('revision', id, { deleted: true });
}

/** Deletes every note (tombstones, so other browsers follow). Returns how many. */
export async function deleteAllNotes(): Promise<number> {
  return db.transaction('rw', writeTables('note'), async () => {
    const ids = await db.notes.where('[live+createdAt]').between([1, -Infinity], [1, Infinity]).primaryKeys();
    for (const id of ids) await writeRecord('note', id, { deleted: true });
    return ids.length;
  });
}

/** Every live note with its article, for export. */
export async function allNotes(): Promise<LocalNote[]> {
  return db.notes.where('[live+createdAt]').between([1, -Infinity], [1, Infinity]).toArray();
}

