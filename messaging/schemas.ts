// Validation of every request payload, where it is received (the background). Limits
// are generous for real pages and small enough that a hostile page cannot make the
// background store or process much.

import * as v from 'valibot';
import { Id } from '../knowledge/schema';
import { MAX_NOTE_LENGTH, NoteId, ArticleId, TextPosition, TextQuote } from '../model';
import type { MessageType } from './protocol';
import { isPrivateOrHttps } from './sync-address';

const Title = v.pipe(v.string(), v.maxLength(1000));
const Meta = v.strictObject({
  canonical: v.optional(v.pipe(v.string(), v.maxLength(2000))),
  ogUrl: v.optional(v.pipe(v.string(), v.maxLength(2000))),
  published: v.optional(v.pipe(v.string(), v.maxLength(100))),
  lang: v.optional(v.pipe(v.string(), v.maxLength(35))),
});
const NoteBody = v.pipe(v.string(), v.maxLength(MAX_NOTE_LENGTH, `a note is at most ${MAX_NOTE_LENGTH.toLocaleString('en')} characters`));
const Tags = v.pipe(v.array(v.pipe(v.string(), v.maxLength(60, 'a tag is at most 60 characters'))), v.maxLength(50, 'a note has at most 50 tags'));
const Entities = v.pipe(v.array(Id), v.maxLength(100));
/** Page text sent for approximate anchoring: long articles fit, a hostile page cannot make the background chew on much. */
const MAX_ANCHOR_TEXT = 2_000_000;

export const requestSchemas = {
  'page.dictionary': v.strictObject({}),
  'page.card': v.strictObject({ entity: Id, lang: v.pipe(v.string(), v.regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/), v.maxLength(35)) }),
  'page.mentions': v.strictObject({
    meta: v.optional(Meta),
    title: Title,
    mentions: v.pipe(
      v.array(v.strictObject({ entity: Id, count: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000)), text: v.pipe(v.string(), v.minLength(1), v.maxLength(300)) })),
      v.maxLength(5000),
    ),
  }),
  'page.notes': v.strictObject({ meta: Meta }),
  'page.addNote': v.strictObject({
    meta: Meta,
    title: Title,
    body: NoteBody,
    tags: Tags,
    entities: Entities,
    quote: v.nullable(TextQuote),
    position: v.nullable(TextPosition),
  }),
  'page.noteStatus': v.strictObject({ orphaned: v.pipe(v.array(NoteId), v.maxLength(10_000)) }),
  'page.anchor': v.strictObject({
    text: v.pipe(v.string(), v.maxLength(MAX_ANCHOR_TEXT, 'the page text is too long to search')),
    quotes: v.pipe(
      v.array(
        v.strictObject({
          id: NoteId,
          exact: v.pipe(v.string(), v.minLength(1), v.maxLength(5000)),
          prefix: v.pipe(v.string(), v.maxLength(200)),
          suffix: v.pipe(v.string(), v.maxLength(200)),
          start: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0))),
        }),
      ),
      v.maxLength(500),
    ),
  }),
  'ui.tabMentions': v.strictObject({ tabId: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
  'ui.tabStatus': v.strictObject({ tabId: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
  'ui.importPack': v.strictObject({ json: v.pipe(v.string(), v.maxLength(20_000_000, 'pack file is larger than 20 MB')) }),
  'ui.removePack': v.strictObject({ id: Id }),
  'ui.setPackPrivate': v.strictObject({ id: Id, private: v.boolean() }),
  'ui.setMuted': v.strictObject({ entity: Id, muted: v.boolean() }),
  'ui.setEntityNote': v.strictObject({ entity: Id, note: v.pipe(v.string(), v.maxLength(4000, 'a note is at most 4,000 characters')) }),
  'ui.saveNote': v.strictObject({
    id: v.optional(NoteId),
    tabId: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
    articleId: v.optional(ArticleId),
    body: NoteBody,
    tags: Tags,
    entities: Entities,
  }),
  'ui.deleteNote': v.strictObject({ id: NoteId }),
  'ui.undeleteNote': v.strictObject({ id: NoteId }),
  'ui.deleteAllNotes': v.strictObject({}),
  'ui.restoreRevision': v.strictObject({ id: v.pipe(v.string(), v.maxLength(300)) }),
  'ui.dismissRevision': v.strictObject({ id: v.pipe(v.string(), v.maxLength(300)) }),
  'ui.importNotes': v.strictObject({ json: v.pipe(v.string(), v.maxLength(60_000_000, 'the file is larger than 60 MB')) }),
  'ui.setSightingSettings': v.strictObject({
    enabled: v.optional(v.boolean()),
    sync: v.optional(v.boolean()),
    retentionDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(3650))),
  }),
  'ui.syncStatus': v.strictObject({}),
  'ui.siteSettings': v.strictObject({ tabId: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))) }),
  'ui.setSiteSetting': v.strictObject({
    site: v.pipe(v.string(), v.regex(/^(\*|[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?(:\d{1,5})?)$/, 'must be a host name such as "example.com", or "*" for every site')),
    off: v.optional(v.boolean()),
    mode: v.optional(v.picklist(['all', 'first'])),
    hiddenKinds: v.optional(v.pipe(v.array(v.picklist(['chip', 'company', 'model', 'rule', 'org', 'person', 'place'])), v.maxLength(7))),
  }),
  'ui.setSync': v.strictObject({
    url: v.pipe(
      v.string(),
      v.maxLength(500),
      v.url('must be an address such as https://sync.example.org'),
      v.regex(/^https?:\/\//, 'must start with https:// (or http:// on your own machine or network)'),
      // The token goes with every request: in the clear only where nobody else listens.
      v.check(isPrivateOrHttps, 'must start with https:// (http:// only for this machine or your local network, where nobody else can read the token)'),
    ),
    token: v.pipe(v.string(), v.regex(/^gls_[A-Za-z0-9_-]{20,100}$/, 'is not a Gloss sync token (it starts with "gls_")')),
  }),
  'ui.syncNow': v.strictObject({}),
  'ui.stopSync': v.strictObject({}),
  'ui.clearSightings': v.strictObject({ site: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(255))) }),
} satisfies Record<MessageType, v.GenericSchema>;

/** Who may send each request: content scripts on web pages, or the extension's own pages. */
export const requestSenders: Record<MessageType, 'page' | 'extension'> = {
  'page.dictionary': 'page',
  'page.card': 'page',
  'page.mentions': 'page',
  'page.notes': 'page',
  'page.addNote': 'page',
  'page.noteStatus': 'page',
  'page.anchor': 'page',
  'ui.tabMentions': 'extension',
  'ui.tabStatus': 'extension',
  'ui.importPack': 'extension',
  'ui.removePack': 'extension',
  'ui.setPackPrivate': 'extension',
  'ui.setMuted': 'extension',
  'ui.setEntityNote': 'extension',
  'ui.saveNote': 'extension',
  'ui.deleteNote': 'extension',
  'ui.undeleteNote': 'extension',
  'ui.deleteAllNotes': 'extension',
  'ui.restoreRevision': 'extension',
  'ui.dismissRevision': 'extension',
  'ui.importNotes': 'extension',
  'ui.setSightingSettings': 'extension',
  'ui.clearSightings': 'extension',
  'ui.syncStatus': 'extension',
  'ui.siteSettings': 'extension',
  'ui.setSiteSetting': 'extension',
  'ui.setSync': 'extension',
  'ui.syncNow': 'extension',
  'ui.stopSync': 'extension',
};
