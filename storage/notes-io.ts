// Notes in and out of Gloss as whole sets: what an export holds, and an import that
// lands whole or not at all. Formats (Markdown, JSON-LD, CSV, Gloss JSON) are in
// model/interchange; this is where a parsed set meets the database.

import type { Fields } from '../model';
import { db } from './db';
import { syncedPart, writeRecord, writeTables } from './records';

export type ArticleData = Fields<'article'> & { id: string };
export type NoteData = Fields<'note'> & { id: string };

export interface NotesBundle {
  articles: ArticleData[];
  notes: NoteData[];
}

function withoutClock<T extends { clock?: unknown }>(r: T): Omit<T, 'clock'> {
  const { clock: _c, ...rest } = r;
  return rest;
}

/** Live notes (of one article, or all) with their articles, as records without sync clocks. */
export async function exportBundle(articleId?: string): Promise<NotesBundle> {
  const rows =
    articleId === undefined
      ? await db.notes.where('[live+createdAt]').between([1, -Infinity], [1, Infinity]).toArray()
      : (await db.notes.where('[articleId+createdAt]').between([articleId, -Infinity], [articleId, Infinity]).toArray()).filter((n) => !n.deleted);
  const notes = rows.map((n) => withoutClock(syncedPart(n)) as NoteData);
  const ids = [...new Set(notes.map((n) => n.articleId))];
  const articles = (await db.articles.bulkGet(ids)).filter((a) => a !== undefined).map((a) => withoutClock(syncedPart(a!)) as ArticleData);
  return { articles, notes };
}

export interface ImportCounts {
  added: number;
  restored: number;
  duplicates: number;
}

/**
 * Writes a parsed set of notes in one transaction. A note whose id is already here is a
 * duplicate and stays as it is; one that was deleted here comes back as imported.
 * Notes and articles keep their own creation and change times.
 */
export async function importBundle(bundle: NotesBundle): Promise<ImportCounts> {
  const counts: ImportCounts = { added: 0, restored: 0, duplicates: 0 };
  await db.transaction('rw', writeTables('article', 'note'), async () => {
    for (const a of bundle.articles) {
      const existing = await db.articles.get(a.id);
      if (existing && !existing.deleted) continue;
      const { id, createdAt, updatedAt, ...fields } = a;
      await writeRecord('article', id, { ...fields, deleted: false }, { createdAt, updatedAt });
    }
    for (const n of bundle.notes) {
      const existing = await db.notes.get(n.id);
      if (existing && !existing.deleted) {
        counts.duplicates++;
        continue;
      }
      if (!(await db.articles.get(n.articleId))) throw new Error(`note ${n.id}: its article is not in the file`);
      const { id, createdAt, updatedAt, ...fields } = n;
      await writeRecord('note', id, { ...fields, deleted: false }, { createdAt, updatedAt });
      if (existing) counts.restored++;
      else counts.added++;
    }
  });
  return counts;
}
