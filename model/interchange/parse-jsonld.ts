// Reading W3C Web Annotations: Gloss's own export (jsonld.ts) and annotations other
// tools wrote, such as Hypothesis. The file is read as plain JSON in the shapes the
// W3C model's JSON-LD serialisation uses; no remote context is fetched and no value is
// interpreted beyond what the mapping in jsonld.ts names.
//
// For annotations Gloss did not write:
// - the note id is derived from the annotation's IRI (note-id.ts), so importing the
//   same file twice finds the same notes; an annotation without an IRI is identified
//   by its content;
// - the article is derived from target.source as Gloss derives it from a page
//   (articleIdentity), with no title, and its times spanning its notes;
// - text comes from the TextualBodies that are not tags (several are joined by a blank
//   line), tags from TextualBodies with purpose tagging;
// - only the top-level TextQuoteSelector and TextPositionSelector are kept: a
//   TextPositionSelector nested in another selector counts from an element, not from
//   the start of the page;
// - prefix and suffix longer than Gloss keeps are cut to the 200 characters nearest
//   the quote, which is all that finding the quote again uses;
// - a time without a zone is taken as UTC; an annotation without any time is dated now.
// Bodies Gloss has no place for (images, links, choices) are left out with a warning.

import { articleIdentity, siteOf } from '../article';
import { parseIsoTime } from './dates';
import { ARTICLE_IRI, ENTITY_IRI, NOTE_IRI } from './jsonld';
import { canonicalJson, noteIdForIri } from './note-id';
import { checkImported, pathOf, type Key } from './validate';
import { MAX_IMPORT_NOTES, type Article, type Issue, type Note, type ParseResult } from './types';

type Obj = Record<string, unknown>;

const MAX_CONTEXT = 200;
/** As records.ts allows for an article's address. */
const MAX_URL = 2000;
const TIME_EXAMPLE = 'a date and time such as 2026-12-06T10:00:00Z';

function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The types of a node, without the "oa:" prefix or namespace some tools write. */
export function typesOf(node: unknown): string[] {
  if (!isObj(node)) return [];
  const raw = node.type ?? node['@type'];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^(?:oa:|https?:\/\/www\.w3\.org\/ns\/oa#)/, ''));
}

function idOf(node: Obj): unknown {
  return node.id ?? node['@id'];
}

/** A value that may be one item or a list of them, each with its path. */
function items(value: unknown, path: string): { value: unknown; path: string }[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map((v, i) => ({ value: v, path: pathOf(path, [i]) }));
  return [{ value, path }];
}

export function looksLikeWebAnnotations(root: unknown): boolean {
  if (Array.isArray(root)) return root.length === 0 || root.some((x) => typesOf(x).includes('Annotation'));
  const types = typesOf(root);
  return types.includes('Annotation') || types.includes('AnnotationCollection') || types.includes('AnnotationPage');
}

interface Found {
  annotations: { value: unknown; path: string }[];
  /** Where the list of annotations is. */
  listPath: string;
  issues: Issue[];
}

/** The annotations in a file, wherever the W3C model lets them be. */
function findAnnotations(root: unknown): Found {
  if (Array.isArray(root)) return { annotations: items(root, ''), listPath: '', issues: [] };
  const node = root as Obj;
  const types = typesOf(node);
  if (types.includes('Annotation')) return { annotations: [{ value: node, path: '' }], listPath: '', issues: [] };
  const fromPage = (page: Obj, path: string): Found => {
    const list = page.items;
    const listPath = pathOf(path, ['items']);
    if (!Array.isArray(list)) return { annotations: [], listPath, issues: [{ path: listPath, message: 'the page of annotations has no list of items' }] };
    const found: Found = { annotations: items(list, listPath), listPath, issues: [] };
    if (typeof page.next === 'string') {
      found.issues.push({ path: pathOf(path, ['next']), message: 'this file holds only part of a collection (the rest is at another address); export the whole collection into one file' });
    }
    return found;
  };
  if (types.includes('AnnotationPage')) return fromPage(node, '');
  // An AnnotationCollection: its first page embedded, or (as some tools write) its items directly.
  if (isObj(node.first)) return fromPage(node.first, 'first');
  if (typeof node.first === 'string') {
    return { annotations: [], listPath: 'first', issues: [{ path: 'first', message: 'the annotations of this collection are not in the file but at another address; export them into the file' }] };
  }
  if (Array.isArray(node.items)) return { annotations: items(node.items, 'items'), listPath: 'items', issues: [] };
  if (node.total === 0 || node.total === undefined) return { annotations: [], listPath: '', issues: [] };
  return { annotations: [], listPath: 'first', issues: [{ path: 'first', message: 'the collection says it has annotations, but none are in the file' }] };
}

/** What one annotation says, before checking. */
interface Draft {
  path: string;
  note: Obj;
  /** Field key path (joined with ".") of the note record to where its value is in the file. */
  notePaths: Record<string, string>;
  source?: string;
  sourcePath: string;
  /** The article as Gloss described it, with where each field came from; absent for other tools' annotations. */
  article?: { record: Obj; paths: Record<string, string> };
}

function where(paths: Record<string, string>, fallback: string): (keys: readonly Key[]) => string {
  return (keys) => {
    for (let n = keys.length; n > 0; n--) {
      const at = paths[keys.slice(0, n).join('.')];
      if (at !== undefined) return pathOf(at, keys.slice(n));
    }
    return fallback;
  };
}

class Reader {
  readonly issues: Issue[] = [];
  readonly warnings: Issue[] = [];
  constructor(readonly now: number) {}

  private problem(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  private time(node: Obj, key: 'created' | 'modified', path: string): number | undefined {
    const raw = node[key];
    if (raw === undefined || raw === null) return undefined;
    const ms = typeof raw === 'string' ? parseIsoTime(raw) : undefined;
    const what = key === 'created' ? 'the time it was written' : 'the time it was last changed';
    if (ms === undefined) this.problem(pathOf(path, [key]), `${what} must be ${TIME_EXAMPLE}`);
    return ms;
  }

  private text(node: Obj, key: string, path: string, what: string): string | undefined {
    const raw = node[key];
    if (typeof raw === 'string') return raw;
    this.problem(pathOf(path, [key]), raw === undefined ? `${what} is missing` : `${what} must be text in double quotes`);
    return undefined;
  }

  async annotation(raw: unknown, path: string): Promise<Draft | undefined> {
    if (!isObj(raw) || !typesOf(raw).includes('Annotation')) {
      this.problem(path, 'this is not a W3C annotation (its "type" should be "Annotation")');
      return undefined;
    }
    const notePaths: Record<string, string> = {};
    const iri = idOf(raw);
    let id: string;
    if (typeof iri === 'string' && iri.startsWith(NOTE_IRI)) id = iri.slice(NOTE_IRI.length);
    else if (typeof iri === 'string' && iri.trim() !== '') id = await noteIdForIri(iri.trim());
    else id = await noteIdForIri(`content:${canonicalJson(raw)}`);
    notePaths.id = pathOf(path, ['id']);

    const created = this.time(raw, 'created', path);
    const modified = this.time(raw, 'modified', path);
    notePaths.createdAt = pathOf(path, ['created']);
    notePaths.updatedAt = pathOf(path, ['modified']);
    const createdAt = created ?? modified ?? this.now;

    const texts: string[] = [];
    const tags: string[] = [];
    const entities: string[] = [];
    if (raw.bodyValue !== undefined) {
      const value = this.text(raw, 'bodyValue', path, 'the text');
      if (value !== undefined) texts.push(value);
      notePaths.body = pathOf(path, ['bodyValue']);
    }
    for (const { value: body, path: bp } of items(raw.body, pathOf(path, ['body']))) {
      const types = typesOf(body);
      if (isObj(body) && (types.includes('TextualBody') || (types.length === 0 && 'value' in body))) {
        const purposes = items(body.purpose, '').map((p) => p.value);
        const value = this.text(body, 'value', bp, purposes.includes('tagging') ? 'a tag' : 'the text');
        if (value === undefined) continue;
        if (purposes.includes('tagging')) {
          notePaths[`tags.${tags.length}`] = pathOf(bp, ['value']);
          tags.push(value);
        } else {
          notePaths.body ??= pathOf(bp, ['value']);
          texts.push(value);
        }
      } else if (isObj(body) && types.includes('SpecificResource') && typeof body.source === 'string' && body.source.startsWith(ENTITY_IRI)) {
        notePaths[`entities.${entities.length}`] = pathOf(bp, ['source']);
        entities.push(body.source.slice(ENTITY_IRI.length));
      } else {
        this.warnings.push({ path: bp, message: 'left out: Gloss keeps the text, tags and entities of an annotation, not this kind of body' });
      }
    }

    const draft: Draft = {
      path,
      note: {
        id,
        body: texts.filter((t) => t !== '').join('\n\n'),
        tags,
        entities,
        quote: null,
        position: null,
        createdAt,
        updatedAt: modified ?? createdAt,
        deleted: false,
      },
      notePaths,
      sourcePath: pathOf(path, ['target']),
    };
    this.target(raw, path, draft);
    if (raw['gloss:article'] !== undefined) draft.article = this.glossArticle(raw['gloss:article'], pathOf(path, ['gloss:article']), draft);
    return draft;
  }

  private target(raw: Obj, path: string, draft: Draft): void {
    const targets = items(raw.target, pathOf(path, ['target']));
    const first = targets[0];
    if (!first) {
      this.problem(pathOf(path, ['target']), 'the annotation does not say which page it is about ("target" is missing)');
      return;
    }
    const sourceOf = (t: unknown, tp: string): { value: unknown; path: string } => {
      if (!isObj(t)) return { value: t, path: tp };
      if (isObj(t.source)) return { value: idOf(t.source), path: pathOf(tp, ['source', 'id']) };
      if (t.source !== undefined) return { value: t.source, path: pathOf(tp, ['source']) };
      return { value: idOf(t), path: pathOf(tp, ['id']) };
    };
    const source = sourceOf(first.value, first.path);
    draft.sourcePath = source.path;
    if (targets.some((t) => sourceOf(t.value, t.path).value !== source.value)) {
      this.problem(pathOf(path, ['target']), 'this annotation is about several pages; a Gloss note belongs to one article');
    }
    if (typeof source.value !== 'string' || source.value.trim() === '') {
      this.problem(source.path, "the address of the page the note is about is missing");
    } else if (source.value.length > MAX_URL) {
      this.problem(source.path, `an address is at most ${MAX_URL.toLocaleString('en')} characters`);
    } else {
      let url: URL | undefined;
      try {
        url = new URL(source.value.trim());
      } catch {
        this.problem(source.path, 'the address of the page the note is about is not a valid web address');
      }
      if (url && url.protocol !== 'http:' && url.protocol !== 'https:') {
        this.problem(source.path, 'a note must be about a web page: its address must start with http:// or https://');
      } else if (url) {
        draft.source = source.value.trim();
      }
    }
    if (!isObj(first.value)) return;
    let quoteSeen = false;
    let positionSeen = false;
    for (const { value: sel, path: sp } of items(first.value.selector, pathOf(first.path, ['selector']))) {
      const types = typesOf(sel);
      if (!isObj(sel)) continue;
      if (types.includes('TextQuoteSelector') && !quoteSeen) {
        quoteSeen = true;
        draft.notePaths.quote = sp;
        const exact = this.text(sel, 'exact', sp, 'the quoted text');
        const prefix = sel.prefix === undefined ? '' : this.text(sel, 'prefix', sp, 'the text before the quote');
        const suffix = sel.suffix === undefined ? '' : this.text(sel, 'suffix', sp, 'the text after the quote');
        if (exact !== undefined && prefix !== undefined && suffix !== undefined) {
          draft.note.quote = { exact, prefix: prefix.slice(-MAX_CONTEXT), suffix: suffix.slice(0, MAX_CONTEXT) };
        }
      } else if (types.includes('TextPositionSelector') && !positionSeen) {
        positionSeen = true;
        draft.notePaths.position = sp;
        draft.note.position = { start: sel.start, end: sel.end };
      }
    }
  }

  private glossArticle(raw: unknown, gp: string, draft: Draft): Draft['article'] {
    if (!isObj(raw)) {
      this.problem(gp, "the article's details must be a group of named values ({ … })");
      return undefined;
    }
    const iri = idOf(raw);
    let id: string | undefined;
    if (typeof iri === 'string' && iri.startsWith(ARTICLE_IRI)) id = iri.slice(ARTICLE_IRI.length);
    else this.problem(pathOf(gp, ['id']), `the article's id must be "${ARTICLE_IRI}" followed by the article id`);
    const paths: Record<string, string> = {
      id: pathOf(gp, ['id']),
      url: draft.sourcePath,
      title: pathOf(gp, ['gloss:title']),
      site: pathOf(gp, ['gloss:site']),
      published: pathOf(gp, ['gloss:published']),
      lang: pathOf(gp, ['gloss:lang']),
      createdAt: pathOf(gp, ['created']),
      updatedAt: pathOf(gp, ['modified']),
      deleted: pathOf(gp, ['gloss:deleted']),
    };
    const createdAt = this.time(raw, 'created', gp);
    const updatedAt = this.time(raw, 'modified', gp);
    const record: Obj = {
      id,
      url: draft.source,
      title: raw['gloss:title'],
      site: raw['gloss:site'],
      published: raw['gloss:published'] ?? null,
      lang: raw['gloss:lang'] ?? null,
      // A bad time is reported above; 0 only keeps the record checkable for its other fields.
      createdAt: raw.created === undefined ? undefined : (createdAt ?? 0),
      updatedAt: raw.modified === undefined ? undefined : (updatedAt ?? 0),
      deleted: raw['gloss:deleted'] ?? false,
    };
    return { record, paths };
  }
}

function sameArticle(a: Obj, b: Obj): boolean {
  return (['id', 'url', 'title', 'site', 'published', 'lang', 'createdAt', 'updatedAt', 'deleted'] as const).every((k) => a[k] === b[k]);
}

/** Stands in for an article id that could not be read, already reported, so the note's other fields are still checked. */
const UNREADABLE_ARTICLE = `a${'0'.repeat(32)}`;

interface ArticleEntry {
  /** Checked when Gloss described it; derived ones are checked once their times span all their notes. */
  record: Obj;
  /** Where it was described, or the page address it was derived from. */
  path: string;
  /** Made from a page address, not described in the file. */
  derived: boolean;
}

export async function parseWebAnnotations(root: unknown, now: number): Promise<ParseResult> {
  const found = findAnnotations(root);
  if (found.annotations.length > MAX_IMPORT_NOTES) {
    const count = found.annotations.length.toLocaleString('en');
    return { ok: false, issues: [{ path: found.listPath, message: `a file can hold at most ${MAX_IMPORT_NOTES.toLocaleString('en')} notes; this one has ${count}` }] };
  }
  const reader = new Reader(now);
  const issues = reader.issues;
  issues.push(...found.issues);
  const drafts: Draft[] = [];
  for (const { value, path } of found.annotations) {
    const draft = await reader.annotation(value, path);
    if (draft) drafts.push(draft);
  }

  // Each article once, in the order notes first name it. A file repeats Gloss's
  // description of an article on each of its notes: each distinct wording is checked
  // once, and two valid ones that differ are refused. Annotations from other tools get
  // the article derived from the page's address, like a page Gloss reads.
  const entries = new Map<string, ArticleEntry>();
  const wordings = new Set<string>();
  for (const d of drafts) {
    d.note.articleId = UNREADABLE_ARTICLE;
    if (d.article) {
      const id = d.article.record.id;
      if (typeof id !== 'string') continue;
      d.note.articleId = id;
      d.notePaths.articleId = d.article.paths.id!;
      // Without a usable page address (already reported) the description is incomplete.
      if (d.source === undefined) continue;
      const wording = canonicalJson(d.article.record);
      if (wordings.has(wording)) continue;
      wordings.add(wording);
      const at = pathOf(d.path, ['gloss:article']);
      const checked = checkImported('article', d.article.record, where(d.article.paths, at));
      issues.push(...checked.issues);
      if (!checked.value) continue;
      const earlier = entries.get(id);
      // An article derived from another tool's annotation of the same page gives way to Gloss's own description.
      if (!earlier || earlier.derived) entries.set(id, { record: checked.value, path: at, derived: false });
      else if (!sameArticle(earlier.record, checked.value)) {
        issues.push({ path: at, message: `this article is described differently at ${earlier.path || 'the top of the file'}` });
      }
    } else if (d.source !== undefined) {
      const identity = await articleIdentity({ url: d.source });
      d.note.articleId = identity.id;
      d.notePaths.articleId = d.sourcePath;
      const { createdAt, updatedAt } = d.note as { createdAt: number; updatedAt: number };
      const earlier = entries.get(identity.id);
      if (!earlier) {
        const record = { id: identity.id, url: identity.url, title: '', site: siteOf(identity.url), published: null, lang: null, createdAt, updatedAt, deleted: false };
        entries.set(identity.id, { record, path: d.sourcePath, derived: true });
      } else if (earlier.derived) {
        earlier.record.createdAt = Math.min(earlier.record.createdAt as number, createdAt);
        earlier.record.updatedAt = Math.max(earlier.record.updatedAt as number, updatedAt);
      }
    }
  }
  const articles: Article[] = [];
  for (const entry of entries.values()) {
    if (!entry.derived) {
      articles.push(entry.record as Article);
      continue;
    }
    const checked = checkImported('article', entry.record, () => entry.path);
    issues.push(...checked.issues);
    if (checked.value) articles.push(checked.value);
  }

  const notes: Note[] = [];
  const firstAt = new Map<string, string>();
  for (const d of drafts) {
    const checked = checkImported('note', d.note, where(d.notePaths, d.path));
    issues.push(...checked.issues);
    if (checked.value) notes.push(checked.value);
    const id = d.note.id as string;
    const earlier = firstAt.get(id);
    if (earlier !== undefined) issues.push({ path: d.notePaths.id!, message: `the same note is in this file twice (also at ${earlier || 'the top of the file'})` });
    else firstAt.set(id, d.path);
  }

  return issues.length > 0 ? { ok: false, issues } : { ok: true, format: 'jsonld', bundle: { articles, notes }, warnings: reader.warnings };
}
