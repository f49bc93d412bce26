// Notes as W3C Web Annotations (https://www.w3.org/TR/annotation-model/), the format
// annotation tools share. One Annotation per note, all in one AnnotationCollection
// whose first (and only) page holds them. The mapping:
//
//   note id          id: "urn:gloss:note:<id>"
//   createdAt        created (ISO 8601, UTC, with milliseconds)
//   updatedAt        modified
//   body             TextualBody, format text/plain, purpose commenting (left out when empty)
//   tags             one TextualBody per tag, purpose tagging
//   entities         one SpecificResource per entity, source "urn:gloss:entity:<id>",
//                    purpose identifying: the note says the passage is about that real
//                    company, chip or rule. (classifying would say the passage *is* a
//                    kind of thing, which is not what a Gloss entity means.)
//   article url      target.source
//   quote            target.selector: TextQuoteSelector {exact, prefix, suffix}
//   position         target.selector: TextPositionSelector {start, end}
//   article          "gloss:article": the article record's id, title, site, published,
//                    lang, times and tombstone, which W3C has no terms for; "gloss" is
//                    the namespace urn:gloss:ns: declared in the @context.
//
// motivation is always commenting. A note without quote or position targets
// { source } alone. Readers that know nothing of Gloss still see text, tags, the page
// and the quote; Gloss reading its own file back loses nothing.

import { exportBundle } from './bundle';
import { isoTime } from './dates';
import type { Article, ExportOptions, Note, NotesBundle } from './types';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const GLOSS_NS = 'urn:gloss:ns:';
export const NOTE_IRI = 'urn:gloss:note:';
export const ENTITY_IRI = 'urn:gloss:entity:';
export const ARTICLE_IRI = 'urn:gloss:article:';
export const JSONLD_CONTEXT = [ANNO_CONTEXT, { gloss: GLOSS_NS }] as const;

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export type AnnotationBody =
  | { type: 'TextualBody'; value: string; format: 'text/plain'; purpose: 'commenting' }
  | { type: 'TextualBody'; value: string; purpose: 'tagging' }
  | { type: 'SpecificResource'; source: string; purpose: 'identifying' };

export interface GlossArticleJsonLd {
  id: string;
  'gloss:title': string;
  'gloss:site': string;
  'gloss:published'?: string;
  'gloss:lang'?: string;
  created: string;
  modified: string;
  'gloss:deleted': boolean;
}

export interface WebAnnotation {
  id: string;
  type: 'Annotation';
  motivation: 'commenting';
  created: string;
  modified: string;
  body?: AnnotationBody[];
  target: { source: string; selector?: (TextQuoteSelector | TextPositionSelector)[] };
  'gloss:article': GlossArticleJsonLd;
}

export interface AnnotationCollection {
  '@context': typeof JSONLD_CONTEXT;
  id: string;
  type: 'AnnotationCollection';
  label: string;
  generated: string;
  total: number;
  first: { id: string; type: 'AnnotationPage'; startIndex: 0; items: WebAnnotation[] };
}

function articleJsonLd(a: Article): GlossArticleJsonLd {
  return {
    id: `${ARTICLE_IRI}${a.id}`,
    'gloss:title': a.title,
    'gloss:site': a.site,
    // JSON-LD reads null as "no value", so an unknown date or language is left out.
    ...(a.published !== null ? { 'gloss:published': a.published } : {}),
    ...(a.lang !== null ? { 'gloss:lang': a.lang } : {}),
    created: isoTime(a.createdAt),
    modified: isoTime(a.updatedAt),
    'gloss:deleted': a.deleted,
  };
}

export function noteAnnotation(note: Note, article: Article): WebAnnotation {
  const body: AnnotationBody[] = [];
  if (note.body !== '') body.push({ type: 'TextualBody', value: note.body, format: 'text/plain', purpose: 'commenting' });
  for (const tag of note.tags) body.push({ type: 'TextualBody', value: tag, purpose: 'tagging' });
  for (const e of note.entities) body.push({ type: 'SpecificResource', source: `${ENTITY_IRI}${e}`, purpose: 'identifying' });
  const selector: (TextQuoteSelector | TextPositionSelector)[] = [];
  if (note.quote) selector.push({ type: 'TextQuoteSelector', exact: note.quote.exact, prefix: note.quote.prefix, suffix: note.quote.suffix });
  if (note.position) selector.push({ type: 'TextPositionSelector', start: note.position.start, end: note.position.end });
  return {
    id: `${NOTE_IRI}${note.id}`,
    type: 'Annotation',
    motivation: 'commenting',
    created: isoTime(note.createdAt),
    modified: isoTime(note.updatedAt),
    ...(body.length > 0 ? { body } : {}),
    target: selector.length > 0 ? { source: article.url, selector } : { source: article.url },
    'gloss:article': articleJsonLd(article),
  };
}

/** The bundle as an AnnotationCollection object. */
export function annotationCollection(bundle: NotesBundle, options: ExportOptions = {}): AnnotationCollection {
  const { articles, notes } = exportBundle(bundle.articles, bundle.notes);
  const articleOf = new Map(articles.map((a) => [a.id, a]));
  const id = `urn:uuid:${globalThis.crypto.randomUUID()}`;
  return {
    '@context': JSONLD_CONTEXT,
    id,
    type: 'AnnotationCollection',
    label: 'Notes from Gloss',
    generated: isoTime(options.exportedAt ?? Date.now()),
    total: notes.length,
    first: { id: `${id}#page-1`, type: 'AnnotationPage', startIndex: 0, items: notes.map((n) => noteAnnotation(n, articleOf.get(n.articleId)!)) },
  };
}

/** The bundle as a JSON-LD file. */
export function toJsonLd(bundle: NotesBundle, options: ExportOptions = {}): string {
  return `${JSON.stringify(annotationCollection(bundle, options), null, 2)}\n`;
}
