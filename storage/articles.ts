// Articles the user wrote notes on. An article record is made when its first note is,
// never for merely reading a page, and its metadata follows the page's.

import type { ArticleIdentity, ArticleRecord } from '../model';
import { db } from './db';
import { writeRecord } from './records';

export interface ArticleInfo {
  title: string;
  published: string | null;
  lang: string | null;
}

/** Writes the article if it is new or its metadata changed; call inside a transaction that includes writeTables('article'). */
export async function ensureArticle(identity: Pick<ArticleIdentity, 'id' | 'url' | 'site'>, info: ArticleInfo): Promise<void> {
  const existing = await db.articles.get(identity.id);
  const want = { url: identity.url, site: identity.site, title: info.title, published: info.published, lang: info.lang };
  if (existing && !existing.deleted) {
    const changed = Object.fromEntries(
      Object.entries(want).filter(([k, v]) => v !== (existing as unknown as Record<string, unknown>)[k] && !(k === 'title' && v === '') && v !== null),
    );
    if (Object.keys(changed).length === 0) return;
    await writeRecord('article', identity.id, changed);
    return;
  }
  await writeRecord('article', identity.id, { ...want, deleted: false });
}

export async function getArticle(id: string): Promise<ArticleRecord | undefined> {
  return db.articles.get(id);
}

export async function getArticles(ids: readonly string[]): Promise<Map<string, ArticleRecord>> {
  const rows = await db.articles.bulkGet([...new Set(ids)]);
  return new Map(rows.filter((r): r is NonNullable<typeof r> => r !== undefined).map((r) => [r.id, r]));
}

/** Sites with notes, for the notes view's filter. */
export async function articleSites(): Promise<string[]> {
  return (await db.articles.orderBy('site').uniqueKeys()) as string[];
}
