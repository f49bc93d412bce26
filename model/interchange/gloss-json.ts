// Gloss's own file: the bundle as it is, so another Gloss reads back exactly what was
// written. `version` changes only when a reader of version 1 could no longer read it.

import { exportBundle } from './bundle';
import { isoTime } from './dates';
import type { Article, ExportOptions, Note, NotesBundle } from './types';

export const GLOSS_FORMAT = 'gloss-notes';
export const GLOSS_VERSION = 1;

export interface GlossNotesFile {
  format: typeof GLOSS_FORMAT;
  version: typeof GLOSS_VERSION;
  exportedAt: string;
  articles: Article[];
  notes: Note[];
}

export function toGlossJson(bundle: NotesBundle, options: ExportOptions = {}): string {
  const { articles, notes } = exportBundle(bundle.articles, bundle.notes);
  const file: GlossNotesFile = {
    format: GLOSS_FORMAT,
    version: GLOSS_VERSION,
    exportedAt: isoTime(options.exportedAt ?? Date.now()),
    articles,
    notes,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}
