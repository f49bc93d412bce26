// What an export holds: the data of each article and note, with its id, and nothing
// that only matters inside one browser (the per-field sync clock, search terms, index
// helpers). Every format is written from, and read back into, this one shape.

import type { Fields } from '../records';

/** An article as exported: id, url, title, site, published, lang, createdAt, updatedAt, deleted. */
export type Article = Fields<'article'> & { id: string };
/** A note as exported: id, articleId, body, tags, entities, quote, position, createdAt, updatedAt, deleted. */
export type Note = Fields<'note'> & { id: string };

export interface NotesBundle {
  articles: Article[];
  notes: Note[];
}

/** Something wrong (or left out) in a file, and where: `notes[3].body`, `first.items[2].target.source`. */
export interface Issue {
  path: string;
  message: string;
}

export type ImportFormat = 'gloss' | 'jsonld';

export type ParseResult =
  | {
      ok: true;
      format: ImportFormat;
      bundle: NotesBundle;
      /** Parts of foreign annotations Gloss has no place for (an image body, say), left out of the bundle. */
      warnings: Issue[];
    }
  | { ok: false; issues: Issue[] };

/** Entity names to show instead of ids; a Map or a plain object. */
export type EntityNames = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

export interface ExportOptions {
  /** When the export is made, ms since the epoch; defaults to now. */
  exportedAt?: number;
}

export interface MarkdownOptions extends ExportOptions {
  /** Only this article's notes; all articles when absent. */
  articleId?: string;
  entityNames?: EntityNames;
}

export interface CsvOptions {
  entityNames?: EntityNames;
}

/** Largest file Gloss imports, in notes (and in articles). */
export const MAX_IMPORT_NOTES = 100_000;
