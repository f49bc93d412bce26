// Notes in and out of Gloss as whole sets: what an export holds, and an import that
// lands whole or not at all. Formats (Markdown, JSON-LD, CSV, Gloss JSON) are in
// model/interchange; this is where a parsed set meets the database.

import { exportBundle as bundleOf, type NotesBundle } from '../model/interchange';
import type { ArticleRecord } from '../model';
import { db } from './db';
import { writeRecords, writeTables } from './records';

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
    const articles = await db.articles.bulkGet(bundle.articles.map((a) => a.id));
    await writeRecords(
      'article',
      bundle.articles
        .filter((_, i) => !articles[i] || articles[i]!.deleted)
        .map(({ id, createdAt, updatedAt, ...fields }) => ({ id, fields: { ...fields, deleted: false }, times: { createdAt, updatedAt } })),
    );
    const known = new Set((await db.articles.bulkGet([...new Set(bundle.notes.map((n) => n.articleId))])).filter(Boolean).map((a) => a!.id));
    // A file may list deleted notes; importing never deletes anything here.
    const live = bundle.notes.filter((n) => !n.deleted);
    const existing = await db.notes.bulkGet(live.map((n) => n.id));
    const writes = [];
    for (const [i, n] of live.entries()) {
      const here = existing[i];
      if (here && !here.deleted) {
        counts.duplicates++;
        continue;
      }
      if (!known.has(n.articleId)) throw new Error(`note ${n.id}: its article is not in the file`);
      const { id, createdAt, updatedAt, ...fields } = n;
      writes.push({ id, fields: { ...fields, deleted: false }, times: { createdAt, updatedAt } });
      if (here) counts.restored++;
      else counts.added++;
    }
    await writeRecords('note', writes);
  });
  return counts;
}
