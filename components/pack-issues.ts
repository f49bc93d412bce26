// Turns a pack check's issue (a path such as "entities[3].aliases[1].text" and a
// validator's message) into words for the reader, in the UI language: which entity,
// alias or field is wrong, what is wrong with it, and where the format page explains
// it. Valibot's own phrasing ("Invalid key: Expected never…") is never shown.
import { t } from './i18n';

export interface PackIssue {
  path: string;
  message: string;
}

export interface ExplainedIssue {
  /** "Entity “nvidia” (entity 4), alias 2 (“NVDA”)", or "The file". */
  where: string;
  /** What is wrong and how to fix it. */
  problem: string;
  /** The part of the format page (format.html#…) that explains this field. */
  anchor: string;
}

type Key = Parameters<typeof t>[0];
type Segment = string | number;

/** "entities[3].aliases[1].text" → ["entities", 3, "aliases", 1, "text"]. */
export function pathSegments(path: string): Segment[] {
  const out: Segment[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

const LISTS: Record<string, { named: Key; numbered: Key; anchor: string; label?: (item: any) => string | undefined }> = {
  entities: { named: 'issueEntityNamed', numbered: 'issueEntity', anchor: 'entities', label: (e) => e?.id },
  events: { named: 'issueEventNamed', numbered: 'issueEvent', anchor: 'events', label: (e) => e?.id },
  sources: { named: 'issueSourceNamed', numbered: 'issueSource', anchor: 'sources', label: (s) => s?.id },
  aliases: { named: 'issueAliasNamed', numbered: 'issueAlias', anchor: 'aliases', label: (a) => a?.text },
  falseFriends: { named: 'issueFalseFriendNamed', numbered: 'issueFalseFriend', anchor: 'aliases', label: (f) => (typeof f === 'string' ? f : f?.text) },
  facts: { named: 'issueFact', numbered: 'issueFact', anchor: 'entities' },
  related: { named: 'issueRelatedNamed', numbered: 'issueRelated', anchor: 'entities', label: (r) => r?.entity },
  requires: { named: 'issueRequiresNamed', numbered: 'issueRequires', anchor: 'aliases', label: (r) => (typeof r === 'string' ? r : undefined) },
};

/** Fields that hold a text per language. */
const TEXTS = new Set(['names', 'summary', 'title', 'text']);

/** Where in the pack the path points, in words; the pack is the parsed file, when it parsed. */
export function describePath(segments: readonly Segment[], pack: unknown): { where: string; anchor: string } {
  if (segments.length === 0) return { where: t('issueWhereFile'), anchor: 'file' };
  const parts: string[] = [];
  let node: any = pack;
  let anchor = 'file';
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const next = segments[i + 1];
    // An event's "entities" is a list of ids, not of entities.
    if (seg === 'entities' && i > 0 && typeof next === 'number') {
      const id = node?.entities?.[next];
      parts.push(typeof id === 'string' ? t('issueEntityRefNamed', [clip(id), String(next + 1)]) : t('issueEntityRef', String(next + 1)));
      anchor = 'events';
      i++;
      continue;
    }
    // "Entity “x” (entity 2)" already says which id.
    if (seg === 'id' && i === segments.length - 1 && typeof segments[i - 1] === 'number') continue;
    const list = typeof seg === 'string' ? LISTS[seg] : undefined;
    if (list && typeof next === 'number') {
      const item = node?.[seg]?.[next];
      const label = list.label?.(item);
      parts.push(label ? t(list.named, [clip(label), String(next + 1)]) : t(list.numbered, String(next + 1)));
      anchor = list.anchor;
      node = item;
      i++;
      continue;
    }
    // A reference's own field adds nothing to "related entity 2 (“x”)".
    if (seg === 'entity' && segments[i - 1] !== undefined && segments[i - 2] === 'related') continue;
    if (typeof seg === 'string' && TEXTS.has(seg) && typeof next === 'string' && /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(next)) {
      parts.push(t('issueFieldLang', [seg, next]));
      node = node?.[seg]?.[next];
      i++;
      continue;
    }
    if (seg === 'pack' && i === 0) {
      parts.push(t('issueWherePackHeader'));
      anchor = 'pack';
    } else if (seg === 'contexts' && i === 0) {
      anchor = 'aliases';
      if (typeof next === 'string') {
        parts.push(t('issueContext', clip(next)));
        node = node?.contexts?.[next];
        i++;
        continue;
      }
      parts.push(t('issueField', 'contexts'));
    } else if (typeof seg === 'number') parts.push(t('issueItem', String(seg + 1)));
    else parts.push(t('issueField', seg));
    node = node?.[seg];
  }
  return { where: parts.join(', '), anchor };
}

/** What the message says is wrong, in the reader's words; check.ts's own messages are plain English and kept. */
export function describeProblem(message: string): { text: string; dropLast: boolean } {
  let m: RegExpMatchArray | null;
  if ((m = message.match(/^Invalid key: Expected never but received "(.*)"$/))) return { text: t('issueUnknownKey', plain(m[1]!)), dropLast: true };
  if ((m = message.match(/^Invalid key: Expected "(.*)" but received undefined$/))) return { text: t('issueMissing', m[1]!), dropLast: true };
  if ((m = message.match(/^Invalid type: Expected (.+) but received (.+)$/))) {
    if (m[2] === 'undefined') return { text: t('issueMissingValue', typeName(m[1]!)), dropLast: false };
    return { text: t('issueWrongType', [typeName(m[1]!), clip(m[2]!)]), dropLast: false };
  }
  if ((m = message.match(/^Invalid length: Expected <=?(\d+) but received (\d+)$/))) return { text: t('issueTooLong', m[1]!), dropLast: false };
  if ((m = message.match(/^Invalid length: Expected >=?(\d+) but received (\d+)$/))) return { text: t('issueTooShort', m[1]!), dropLast: false };
  if ((m = message.match(/^unknown entity "(.*)"$/))) return { text: t('issueUnknownEntity', plain(m[1]!)), dropLast: false };
  if ((m = message.match(/^duplicate id "(.*)"$/))) return { text: t('issueDuplicateId', plain(m[1]!)), dropLast: false };
  if ((m = message.match(/^form "(.*)" already names entity "(.*)"/))) return { text: t('issueDuplicateAlias', [plain(m[1]!), plain(m[2]!)]), dropLast: false };
  if ((m = message.match(/^source "(.*)" is not in this pack's sources$/))) return { text: t('issueUnknownSource', plain(m[1]!)), dropLast: false };
  if ((m = message.match(/^the file is not JSON/))) return { text: t('issueNotJson'), dropLast: false };
  if (/larger than|too large|exceed/i.test(message)) return { text: t('issueTooLarge', plain(message)), dropLast: false };
  if ((m = message.match(/^must be at most ([\d,]+) characters/))) return { text: t('issueTooLong', m[1]!), dropLast: false };
  // Anything else valibot phrases itself is named, not quoted.
  if (/^Invalid \w+:/.test(message)) return { text: t('issueInvalid'), dropLast: false };
  return { text: plain(message), dropLast: false };
}

export function explainIssue(issue: PackIssue, pack: unknown): ExplainedIssue {
  const problem = describeProblem(issue.message);
  const segments = pathSegments(issue.path);
  const { where, anchor } = describePath(problem.dropLast ? segments.slice(0, -1) : segments, pack);
  return { where, problem: problem.text, anchor };
}

function typeName(expected: string): string {
  const names: Record<string, Key> = { Array: 'typeList', Object: 'typeObject', string: 'typeText', boolean: 'typeBoolean', number: 'typeNumber' };
  const key = names[expected];
  return key ? t(key) : expected;
}

/**
 * Text from the file, quoted in a message, without what would reorder or hide the
 * message around it (bidirectional embeddings, overrides and isolates, control
 * characters), each shown as U+FFFD.
 */
function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, '\uFFFD');
}

/** Text from the file, quoted in a message: short and plain. */
function clip(text: string): string {
  return text.length > 60 ? `${plain(text.slice(0, 57))}…` : plain(text);
}
