// Validates a knowledge pack as a whole: its shape (schema.ts), then everything that
// spans it. A pack with any issue is refused whole; each issue names the field (as a
// path such as "entities[3].aliases[0].text") and the reason.

import * as v from 'valibot';
import { AliasSyntaxError, expandForms, foldString } from '../engine';
import { KINDS, Pack } from './schema';

export interface PackIssue {
  path: string;
  message: string;
}

/** What is already installed, for checking a pack that will sit beside it. */
export interface InstalledContext {
  /** Entity id → id of the pack that has it, in the pack's own id space (ids it may not reuse). */
  entities: ReadonlyMap<string, string>;
  /**
   * Entities of the other id space (bundled packs, for a user's pack): the pack may
   * refer to them, and may reuse their ids, which then name its own entity.
   */
  shared?: ReadonlyMap<string, string>;
  /** Event id → pack id, in the pack's own id space. */
  events: ReadonlyMap<string, string>;
  contexts: ReadonlySet<string>;
  /** Folded alias form → entity id, for unambiguous aliases only. */
  aliases: ReadonlyMap<string, string>;
}

export type PackCheck = { ok: true; pack: Pack } | { ok: false; issues: PackIssue[] };

const EMPTY: InstalledContext = { entities: new Map(), events: new Map(), contexts: new Set(), aliases: new Map() };

export function checkPack(input: unknown, installed: InstalledContext = EMPTY): PackCheck {
  const parsed = v.safeParse(Pack, input);
  if (!parsed.success) {
    return { ok: false, issues: parsed.issues.map((i) => ({ path: pathOf(i.path), message: i.message })) };
  }
  const pack = parsed.output;
  const issues: PackIssue[] = [];
  const packId = pack.pack.id;

  const unique = (ids: string[], where: string, others?: ReadonlyMap<string, string>): void => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id)) issues.push({ path: `${where}[${i}].id`, message: `duplicate id "${id}"` });
      seen.add(id);
      const owner = others?.get(id);
      if (owner !== undefined && owner !== packId) issues.push({ path: `${where}[${i}].id`, message: `id "${id}" already belongs to pack "${owner}"` });
    });
  };
  unique(pack.entities.map((e) => e.id), 'entities', installed.entities);
  unique(pack.events.map((e) => e.id), 'events', installed.events);
  unique(pack.sources.map((s) => s.id), 'sources');

  const entityIds = new Set(pack.entities.map((e) => e.id));
  const hasEntity = (id: string): boolean =>
    entityIds.has(id) || (installed.entities.has(id) && installed.entities.get(id) !== packId) || installed.shared?.has(id) === true;
  const sourceIds = new Set(pack.sources.map((s) => s.id));
  const contextNames = new Set([...Object.keys(pack.contexts ?? {}), ...installed.contexts]);
  const needSource = (id: string, path: string): void => {
    if (!sourceIds.has(id)) issues.push({ path, message: `source "${id}" is not in this pack's sources` });
  };

  // Every form the matcher will be built from must keep something to match once folded
  // (zero-width and combining characters fold away): one such form fails the whole
  // matcher, and with it highlighting on every page.
  const formsOf = (text: string, path: string): string[] | undefined => {
    let forms: string[];
    try {
      forms = expandForms(text);
    } catch (e) {
      if (!(e instanceof AliasSyntaxError)) throw e;
      issues.push({ path, message: e.message });
      return undefined;
    }
    const empty = forms.find((form) => foldString(form).length === 0);
    if (empty !== undefined) {
      issues.push({ path, message: `form "${shown(empty)}" has no letters or digits: only invisible, combining or space characters` });
      return undefined;
    }
    return forms;
  };

  const aliasOwner = new Map<string, string>();
  for (const [form, entity] of installed.aliases) aliasOwner.set(form, entity);

  pack.entities.forEach((entity, ei) => {
    const at = `entities[${ei}]`;
    entity.sources.forEach((s, i) => needSource(s, `${at}.sources[${i}]`));
    entity.facts?.forEach((f, fi) => f.sources?.forEach((s, i) => needSource(s, `${at}.facts[${fi}].sources[${i}]`)));
    entity.related?.forEach((r, i) => {
      if (!hasEntity(r.entity)) issues.push({ path: `${at}.related[${i}].entity`, message: `unknown entity "${r.entity}"` });
      if (r.entity === entity.id) issues.push({ path: `${at}.related[${i}].entity`, message: 'an entity cannot relate to itself' });
    });
    entity.aliases.forEach((alias, ai) => {
      const path = `${at}.aliases[${ai}]`;
      if (alias.source !== undefined) needSource(alias.source, `${path}.source`);
      alias.requires?.forEach((req, ri) => {
        for (const condition of req.replace(/^!/, '').split('+')) {
          const [type, name] = condition.split(':') as [string, string];
          const ok = type === 'entity' ? hasEntity(name) : type === 'kind' ? (KINDS as readonly string[]).includes(name) : contextNames.has(name);
          if (!ok) issues.push({ path: `${path}.requires[${ri}]`, message: `unknown ${type} "${name}"` });
        }
      });
      const forms = formsOf(alias.text, `${path}.text`);
      if (!forms || alias.requires) return; // ambiguous aliases may be shared; context decides
      for (const form of forms) {
        const folded = foldString(form);
        const owner = aliasOwner.get(folded);
        if (owner !== undefined && owner !== entity.id) {
          issues.push({ path: `${path}.text`, message: `form "${form}" already names entity "${owner}"; mark one of them ambiguous with "requires"` });
        }
        aliasOwner.set(folded, entity.id);
      }
    });
    entity.falseFriends?.forEach((ff, i) => formsOf(ff, `${at}.falseFriends[${i}]`));
  });

  for (const [name, words] of Object.entries(pack.contexts ?? {})) {
    words.forEach((word, i) => formsOf(word, `contexts.${name}[${i}]`));
  }

  pack.events.forEach((event, ei) => {
    const at = `events[${ei}]`;
    event.entities.forEach((id, i) => {
      if (!hasEntity(id)) issues.push({ path: `${at}.entities[${i}]`, message: `unknown entity "${id}"` });
    });
    event.sources.forEach((s, i) => needSource(s, `${at}.sources[${i}]`));
  });

  // What happened and what is claimed must rest on at least one source that reports it
  // itself: a primary document or an outlet with its own reporting, not only aggregators.
  const aggregator = new Set(pack.sources.filter((s) => s.aggregator).map((s) => s.id));
  const onlyAggregators = (ids: readonly string[]): boolean => ids.length > 0 && ids.every((id) => aggregator.has(id));
  pack.events.forEach((event, ei) => {
    if (onlyAggregators(event.sources)) issues.push({ path: `events[${ei}].sources`, message: `event "${event.id}" rests only on aggregator sources` });
  });
  pack.entities.forEach((entity, ei) => {
    entity.facts?.forEach((fact, fi) => {
      if (fact.sources && onlyAggregators(fact.sources)) {
        issues.push({ path: `entities[${ei}].facts[${fi}].sources`, message: `a fact of "${entity.id}" rests only on aggregator sources` });
      }
    });
  });

  return issues.length > 0 ? { ok: false, issues } : { ok: true, pack };
}

export function describeIssues(issues: readonly PackIssue[], max = 10): string {
  const shown = issues.slice(0, max).map((i) => `${i.path || '(pack)'}: ${i.message}`);
  if (issues.length > max) shown.push(`…and ${issues.length - max} more`);
  return shown.join('\n');
}

/** Text with its invisible characters written out (U+200B), so a message shows what is there. */
function shown(text: string): string {
  return text.replace(/[\p{M}\p{Cf}\s]/gu, (c) => (c === ' ' ? c : `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`));
}

function pathOf(path: v.IssuePathItem[] | undefined): string {
  if (!path) return '';
  let out = '';
  for (const item of path) {
    const key = item.key as string | number;
    out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}
