// The one way a bundle is made ready for writing: only live notes, only the fields
// that travel, notes oldest first, each article once, before its first note. Every
// writer goes through it, so a storage row passed in as is cannot leak its clock or
// local index fields into a file, and every format lists things in the same order.

import type { Article, EntityNames, Note, NotesBundle } from './types';

function pickArticle(a: Article): Article {
  return {
    id: a.id,
    url: a.url,
    title: a.title,
    site: a.site,
    published: a.published,
    lang: a.lang,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    deleted: a.deleted,
  };
}

function pickNote(n: Note): Note {
  return {
    id: n.id,
    articleId: n.articleId,
    body: n.body,
    tags: [...n.tags],
    entities: [...n.entities],
    quote: n.quote ? { exact: n.quote.exact, prefix: n.quote.prefix, suffix: n.quote.suffix } : null,
    position: n.position ? { start: n.position.start, end: n.position.end } : null,
    createdAt: n.createdAt,
    updatedAt: n.updatedAt,
    deleted: n.deleted,
  };
}

/**
 * The bundle to export from stored articles and notes (extra fields are dropped).
 * Throws if a live note's article is not among `articles`: an export that loses the
 * page a note is about would not survive a round trip.
 */
export function exportBundle(articles: Iterable<Article>, notes: Iterable<Note>): NotesBundle {
  const byId = new Map<string, Article>();
  for (const a of articles) byId.set(a.id, a);
  const live = [...notes].filter((n) => !n.deleted).map(pickNote);
  live.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const out: Article[] = [];
  const seen = new Set<string>();
  for (const n of live) {
    if (seen.has(n.articleId)) continue;
    const article = byId.get(n.articleId);
    if (!article) throw new Error(`note ${n.id}: its article ${n.articleId} is not in the export`);
    seen.add(n.articleId);
    out.push(pickArticle(article));
  }
  return { articles: out, notes: live };
}

export function entityName(names: EntityNames | undefined, id: string): string {
  if (!names) return id;
  if (names instanceof Map) return names.get(id) ?? id;
  // Entity ids such as "constructor" are valid, so only the object's own keys count.
  const record = names as Readonly<Record<string, string>>;
  return Object.hasOwn(record, id) ? record[id]! : id;
}
