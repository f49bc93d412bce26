// Notes as Markdown, for reading and pasting into a draft. Everything in it that a page
// or a person wrote is escaped, so that no title, quote or note can turn into a link,
// an image, HTML or a heading when the file is rendered: a page controls its own title
// and text, and a Markdown viewer that followed them would be running the page's
// markup outside the page. Bare web addresses are left readable; a viewer may make them
// clickable, which shows the address as written and hides nothing.

import { entityName, exportBundle } from './bundle';
import { parseIsoTime, readableTime } from './dates';
import type { Article, MarkdownOptions, Note, NotesBundle } from './types';

/** Characters that start inline Markdown anywhere in a line. */
const INLINE_SPECIAL = /[\\`*_[\]<>|~]/g;
/** Inside a bare address only what could open a link, HTML or code is escaped, so the address stays usable. */
const URL_SPECIAL = /[\\`[\]<>]/g;
/** A character reference (&amp; &#60; &#x3c;) would be shown as the character it names. */
const ENTITY = /&(?=#?[0-9a-z]+;)/gi;
const BARE_URL = /\b(?:https?:\/\/|www\.)[^\s<>"]+/gi;

function escapeRun(text: string, special: RegExp): string {
  return text.replace(special, '\\$&').replace(ENTITY, '\\&');
}

/** Escapes text for use inside a line (a title, a tag, a name): nothing in it is read as Markdown. */
export function escapeInline(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(BARE_URL)) {
    out += escapeRun(text.slice(last, m.index), INLINE_SPECIAL) + escapeRun(m[0], URL_SPECIAL);
    last = m.index + m[0].length;
  }
  return out + escapeRun(text.slice(last), INLINE_SPECIAL);
}

/** Escapes the marks that only count at the start of a line (headings, quotes, lists, rules) in escaped text. */
function escapeLineStart(escaped: string): string {
  return escaped.replace(/^([#>+=-])/, '\\$1').replace(/^(\d{1,9})([.)])/, '$1\\$2');
}

/** One line of text as a Markdown line that shows exactly that text. */
function escapeLine(line: string): string {
  return escapeLineStart(escapeInline(line.trim()));
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Text of several lines as Markdown lines: blank lines stay paragraph breaks, a single
 * line break stays a line break (a trailing backslash), and leading spaces, which
 * Markdown would read as code, are dropped.
 */
function textBlock(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trim());
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') {
      if (out.length > 0 && out[out.length - 1] !== '') out.push('');
      continue;
    }
    const next = lines[i + 1];
    out.push(escapeLine(line) + (next !== undefined && next !== '' ? '\\' : ''));
  }
  while (out[out.length - 1] === '') out.pop();
  return out;
}

function linkDestination(url: string): string | undefined {
  if (!/^https?:\/\//i.test(url) || /[\s]/.test(url)) return undefined;
  // The pointed-bracket form allows parentheses; the brackets themselves are escaped.
  return `<${url.replace(/[\\<>]/g, '\\$&')}>`;
}

function publishedText(published: string): string {
  // Gloss keeps a date as written (2025-04-15) or as an ISO time; the latter reads better shortened.
  const t = /^\d{4}-\d{2}-\d{2}T/.test(published) ? parseIsoTime(published) : undefined;
  return t === undefined ? escapeInline(oneLine(published)) : readableTime(t);
}

function articleHeading(article: Article, level: string): string[] {
  const title = oneLine(article.title) || article.url;
  const dest = linkDestination(article.url);
  // Without a link, a title ending in "#" would lose it as a closing heading mark.
  const heading = dest ? `${level} [${escapeInline(title)}](${dest})` : `${level} ${escapeInline(title).replace(/#/g, '\\#')}`;
  const about = [escapeInline(oneLine(article.site))];
  if (article.published) about.push(`published ${publishedText(article.published)}`);
  return [heading, '', escapeLineStart(about.filter((s) => s !== '').join(' · '))];
}

function noteBlock(note: Note, options: MarkdownOptions): string[] {
  const out: string[] = [];
  if (note.quote) {
    out.push(...textBlock(note.quote.exact).map((l) => (l === '' ? '>' : `> ${l}`)), '');
  }
  const text = textBlock(note.body);
  if (text.length > 0) out.push(...text, '');
  if (note.tags.length > 0) out.push(`- Tags: ${note.tags.map((t) => `#${escapeInline(oneLine(t))}`).join(', ')}`);
  if (note.entities.length > 0) {
    out.push(`- Concerns: ${note.entities.map((e) => escapeInline(oneLine(entityName(options.entityNames, e)))).join(', ')}`);
  }
  const created = readableTime(note.createdAt);
  const updated = readableTime(note.updatedAt);
  out.push(`- Created ${created}${updated !== created ? `, updated ${updated}` : ''}`);
  return out;
}

function articleSection(article: Article, notes: readonly Note[], level: string, options: MarkdownOptions): string[] {
  const out = [...articleHeading(article, level)];
  notes.forEach((note, i) => out.push(...(i > 0 ? ['', '---'] : []), '', ...noteBlock(note, options)));
  return out;
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/**
 * Notes as a Markdown document: all articles (a heading per article), or only
 * `options.articleId` (the article is the document's title). Throws if that article
 * has no notes in the bundle.
 */
export function toMarkdown(bundle: NotesBundle, options: MarkdownOptions = {}): string {
  const { articles, notes } = exportBundle(bundle.articles, bundle.notes);
  const byArticle = new Map<string, Note[]>();
  for (const n of notes) {
    const list = byArticle.get(n.articleId);
    if (list) list.push(n);
    else byArticle.set(n.articleId, [n]);
  }
  const notesOf = (id: string) => byArticle.get(id) ?? [];
  if (options.articleId !== undefined) {
    const article = articles.find((a) => a.id === options.articleId);
    if (!article) throw new Error(`no notes on article ${options.articleId} in the export`);
    return `${articleSection(article, notesOf(article.id), '#', options).join('\n')}\n`;
  }
  const out = [
    '# Notes from Gloss',
    '',
    `Exported ${readableTime(options.exportedAt ?? Date.now())}: ${plural(notes.length, 'note', 'notes')} on ${plural(articles.length, 'article', 'articles')}.`,
  ];
  for (const article of articles) out.push('', ...articleSection(article, notesOf(article.id), '##', options));
  return `${out.join('\n')}\n`;
}
