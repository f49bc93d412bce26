// Notes in and out of Gloss as whole sets: what an export holds, and an import that
// lands whole or not at all. Formats (Markdown, JSON-LD, CSV, Gloss JSON) are in
// model/interchange; this is where a parsed set meets the database.

import { exportBundle as bundleOf, type NotesBundle } from '../model/interchange';
import type { ArticleRecord } from '../model';
import { db } from './db';
import { writeRecord, writeTables } from './records';

/** Live notes (of one article, or all) with their articles, as an export holds them. */
export async function exportBundle(articleId?: string): Promise<NotesBundle> {
  const notes =
    articleId === undefined
      ? await db.notes.where('[live+createdAt]').between([1, -Infinity], [1, Infinity]).toArray()
      : await db.notes.where('[articleId+createdAt]').between([articleId, -Infinity], [articleId, Infinity]).toArray();
  const articles = await db.articles.bulkGet([...new Set(notes.map((n) => n.articleId))]);
  return bundleOf(articles.filter((a): a is ArticleRecord & { live: 0 | 1 } => a !== undefined), notes);
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
      // A file may list deleted notes; importing never deletes anything here.
      if (n.deleted) continue;
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
