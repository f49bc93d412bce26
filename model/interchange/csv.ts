// Notes as a spreadsheet: RFC 4180 CSV, one row per note. The file starts with a UTF-8
// byte order mark because spreadsheet programs otherwise guess a legacy code page and
// turn Greek and Chinese into mojibake.

import { entityName, exportBundle } from './bundle';
import { spreadsheetTime } from './dates';
import type { CsvOptions, NotesBundle } from './types';

const HEADER = [
  'note id',
  'created (UTC)',
  'updated (UTC)',
  'article title',
  'article url',
  'site',
  'published',
  'quote',
  'prefix',
  'suffix',
  'position start',
  'position end',
  'note text',
  'tags',
  'entities',
];

/**
 * One cell. A cell that starts with =, +, -, @, tab or carriage return gets a leading
 * apostrophe: spreadsheet programs would otherwise run it as a formula, and a page
 * title or quote is text that someone else wrote (CSV formula injection). The
 * apostrophe is how spreadsheets themselves mark "text, not a formula".
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(bundle: NotesBundle, options: CsvOptions = {}): string {
  const { articles, notes } = exportBundle(bundle.articles, bundle.notes);
  const articleOf = new Map(articles.map((a) => [a.id, a]));
  const rows = [HEADER];
  for (const n of notes) {
    const a = articleOf.get(n.articleId)!;
    rows.push([
      n.id,
      spreadsheetTime(n.createdAt),
      spreadsheetTime(n.updatedAt),
      a.title,
      a.url,
      a.site,
      a.published ?? '',
      n.quote?.exact ?? '',
      n.quote?.prefix ?? '',
      n.quote?.suffix ?? '',
      n.position ? String(n.position.start) : '',
      n.position ? String(n.position.end) : '',
      n.body,
      n.tags.join(';'),
      n.entities.map((e) => entityName(options.entityNames, e)).join(';'),
    ]);
  }
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
