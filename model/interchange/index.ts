// Notes in and out of Gloss: Markdown, W3C Web Annotation JSON-LD and CSV to export,
// Gloss JSON and JSON-LD both ways. Pure functions over a bundle of articles and notes;
// storage and the UI decide what goes in and what to do with what comes out.
export { exportBundle } from './bundle';
export { csvCell, toCsv } from './csv';
export { GLOSS_FORMAT, GLOSS_VERSION, toGlossJson, type GlossNotesFile } from './gloss-json';
export {
  ANNO_CONTEXT,
  annotationCollection,
  GLOSS_NS,
  noteAnnotation,
  toJsonLd,
  type AnnotationBody,
  type AnnotationCollection,
  type WebAnnotation,
} from './jsonld';
export { escapeInline, toMarkdown } from './markdown';
export { noteIdForIri } from './note-id';
export { parseNotesFile, type ParseOptions } from './parse';
export * from './types';

/** What each export is saved as. */
export const EXPORT_FILES = {
  markdown: { extension: 'md', mediaType: 'text/markdown;charset=utf-8' },
  jsonld: { extension: 'jsonld', mediaType: 'application/ld+json;profile="http://www.w3.org/ns/anno.jsonld"' },
  csv: { extension: 'csv', mediaType: 'text/csv;charset=utf-8' },
  gloss: { extension: 'json', mediaType: 'application/json' },
} as const;
