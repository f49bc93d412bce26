// The knowledge-pack format (docs/knowledge-pack.md), as code that validates it.
// Structural rules are valibot schemas; rules that span the pack (references resolve,
// aliases parse, no alias claimed twice) are in check.ts.

import * as v from 'valibot';

export const PACK_FORMAT = 1;

export const KINDS = ['chip', 'company', 'rule', 'model', 'person', 'place', 'org'] as const;
export type Kind = (typeof KINDS)[number];

/**
 * Characters a pack's text never needs and a hostile pack could use: bidirectional
 * embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), which reorder what
 * follows them on screen (a publisher "Reuters" that reads otherwise, a name that hides
 * its end), and control characters other than tab and line breaks. Right-to-left text
 * itself, and the marks U+200E/U+200F, are welcome.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

const text = (max: number) =>
  v.pipe(
    v.string(),
    v.maxLength(max * 4, `must be at most ${max} characters`),
    v.trim(),
    v.minLength(1, 'must not be empty'),
    v.maxLength(max, `must be at most ${max} characters`),
    v.check((s) => !UNSAFE_TEXT.test(s), 'must not contain control characters or bidirectional overrides (U+202A-U+202E, U+2066-U+2069)'),
  );

export const Id = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9][a-z0-9.-]{0,79}$/, 'must be lower-case letters, digits, "." or "-" (at most 80), starting with a letter or digit'),
);

/** BCP 47 tags as used here: "en", "el", "zh-Hans", "zh-Hant", "ja", "de", "fr", "es"... */
export const Lang = v.pipe(v.string(), v.regex(/^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$/, 'must be a language tag such as "en", "el" or "zh-Hans"'));

/** Text in several languages; English is always present. */
export const LocalText = (max: number) =>
  v.pipe(
    v.record(Lang, text(max)),
    v.check((r) => typeof r['en'] === 'string', 'needs an English ("en") text'),
  );

/** ISO 8601 date as precise as the source allows: "2025", "2025-04" or "2025-04-09". */
export const IsoDate = v.pipe(
  v.string(),
  v.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be an ISO date: YYYY, YYYY-MM or YYYY-MM-DD'),
  v.check(isRealDate, 'is not a real calendar date'),
);

export const HttpsUrl = v.pipe(v.string(), v.url('must be a URL'), v.startsWith('https://', 'must be an https:// URL'), v.maxLength(2000));

const CONDITION = '(entity|kind|context):[a-z0-9][a-z0-9.-]*';
/**
 * One condition, or several joined with "+" that must all hold: "context:export+kind:chip";
 * or "!context:not-<name>": not on a page that uses the name in that other sense.
 */
export const Requirement = v.pipe(
  v.string(),
  v.regex(
    new RegExp(`^(${CONDITION}(\\+${CONDITION}){0,3}|!context:not-[a-z0-9][a-z0-9.-]*)$`),
    'must be "entity:<id>", "kind:<kind>" or "context:<name>", up to four of them joined with "+", or "!context:not-<name>"',
  ),
  v.check((r) => r.startsWith('!') || !r.split('+').some((c) => c.startsWith('context:not-')), 'a "not-" context names another sense of a name: use it as "!context:not-<name>"'),
);

export const Alias = v.strictObject({
  /** The alias; "{a,b}" groups list inflected endings: "κανόν{ας,α,ες} διάδοσης". */
  text: text(200),
  /** Language(s) the alias is written in; brand names in Latin script often serve several. */
  lang: v.union([Lang, v.pipe(v.array(Lang), v.minLength(1))]),
  caseSensitive: v.optional(v.boolean()),
  /** Ambiguous alias: a mention only when the page has one of these too. */
  requires: v.optional(v.pipe(v.array(Requirement), v.minLength(1, 'an ambiguous alias needs at least one requirement'))),
  /** Where this spelling was seen in print. */
  source: v.optional(Id),
});

export const Fact = v.strictObject({
  text: LocalText(400),
  sources: v.optional(v.array(Id)),
});

export const Relation = v.strictObject({
  entity: Id,
  /** How the entity relates to this one, read as "<related> is the <relation> of <this>": "maker", "developer", "parent", "issuer"... */
  relation: v.pipe(v.string(), v.regex(/^[a-z][a-z-]{1,30}$/, 'must be a short lower-case word such as "maker"')),
});

export const Entity = v.strictObject({
  id: Id,
  kind: v.picklist(KINDS, `must be one of ${KINDS.join(', ')}`),
  names: LocalText(120),
  summary: LocalText(1200),
  aliases: v.pipe(v.array(Alias), v.minLength(1, 'an entity needs at least one alias')),
  /** Phrases that contain an alias but mean something else ("Ascend Elements"). */
  falseFriends: v.optional(v.array(text(200))),
  facts: v.optional(v.array(Fact)),
  related: v.optional(v.array(Relation)),
  sources: v.pipe(v.array(Id), v.minLength(1, 'an entity needs at least one source')),
});

export const Event = v.strictObject({
  id: Id,
  date: IsoDate,
  title: LocalText(200),
  summary: v.optional(LocalText(800)),
  /** "reported": the sources report it but it was not officially confirmed; cards say so. */
  status: v.optional(v.picklist(['confirmed', 'reported'])),
  entities: v.pipe(v.array(Id), v.minLength(1, 'an event concerns at least one entity')),
  sources: v.pipe(v.array(Id), v.minLength(1, 'an event needs at least one source')),
});

export const Source = v.strictObject({
  id: Id,
  url: HttpsUrl,
  title: v.optional(text(300)),
  publisher: text(120),
  /** Publication date of the source, as precise as known. */
  published: IsoDate,
  lang: v.optional(Lang),
  /**
   * The source republishes or summarises others' reporting (a mirror, a news
   * aggregator, a site that rewrites wire copy). No event or fact may rest on such
   * sources alone.
   */
  aggregator: v.optional(v.boolean()),
});

export const PackHeader = v.strictObject({
  format: v.literal(PACK_FORMAT, `must be ${PACK_FORMAT}`),
  id: Id,
  /** Dotted numbers; a higher version replaces a lower one on update. */
  version: v.pipe(v.string(), v.regex(/^\d+(\.\d+){0,3}$/, 'must be dotted numbers such as "1.4.0"')),
  name: text(120),
  description: v.optional(text(600)),
  publisher: v.optional(text(120)),
  /** The pack's mentions are found and listed but never painted where pages can read them. */
  private: v.optional(v.boolean()),
});

export const Pack = v.strictObject({
  pack: PackHeader,
  /** Named lists of context words that ambiguous aliases can require. */
  contexts: v.optional(v.record(Id, v.pipe(v.array(text(120)), v.minLength(1)))),
  entities: v.array(Entity),
  events: v.array(Event),
  sources: v.array(Source),
});

export type Alias = v.InferOutput<typeof Alias>;
export type Entity = v.InferOutput<typeof Entity>;
export type Event = v.InferOutput<typeof Event>;
export type Source = v.InferOutput<typeof Source>;
export type Pack = v.InferOutput<typeof Pack>;
export type PackHeader = v.InferOutput<typeof PackHeader>;
export type LocalText = Record<string, string> & { en: string };

function isRealDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number);
  if (m === undefined) return true;
  if (m < 1 || m > 12) return false;
  if (d === undefined) return true;
  const days = new Date(Date.UTC(y!, m, 0)).getUTCDate();
  return d >= 1 && d <= days;
}

/** Compares dotted version strings numerically: "1.10" > "1.9". */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}
