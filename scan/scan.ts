// Scanning saved pages: the same engine, text rules and page resolution as the content
// script, so what the scan reports is what a reader would see highlighted.

import { findMentionsInRuns, Matcher, resolvePage, TOPIC_MIN_ENTITIES, TOPIC_MIN_MENTIONS, type Candidate, type PageOptions, type Refusal, type Topic } from '../engine';
import { Role } from '../engine/compiled';
import { explainPage } from '../engine/explain';
import { visibleTextRuns } from './html';

export interface ScannedMention {
  entity: string;
  kind: string;
  text: string;
}

export function scanHtml(matcher: Matcher, html: string, options?: PageOptions): ScannedMention[] {
  return findMentionsInRuns(matcher, visibleTextRuns(html), options).map(({ mention }) => ({ entity: mention.entity, kind: mention.kind, text: mention.text }));
}

/** One place where an alias matched, and what became of it. */
export interface Explained {
  text: string;
  /** The entity it was, or would have been, a mention of. */
  entity: string;
  kind: string;
  /** The alias as the pack writes it, and the form that matched. */
  alias: string;
  form: string;
  shown: boolean;
  /** Why: the condition or gate that let it through, or the reason it was refused. */
  why: string;
  /** Some words of the text around it. */
  context: string;
}

export interface Explanation {
  topic: Topic;
  items: Explained[];
}

const AROUND = 24;

/** A matcher that also keeps what leftmost-longest selection dropped, and what won instead. */
class ExplainingMatcher extends Matcher {
  dropped: Refusal[] = [];

  protected override select(hits: Candidate[]): Candidate[] {
    const kept = super.select(hits);
    const roles = this.dict.patRole;
    const chosen = new Set(kept);
    // Everything that covered a span: what was kept, and the false friends (which win and hide).
    const winners = hits.filter((h) => chosen.has(h) || roles[h.pattern] === Role.FalseFriend || h.alts?.some((a) => roles[a] === Role.FalseFriend));
    for (const h of hits) {
      if (chosen.has(h) || roles[h.pattern] !== Role.Mention) continue;
      const w = winners.find((o) => o !== h && o.start < h.end && o.end > h.start && (o.start < h.start || (o.start === h.start && o.end >= h.end)));
      const friend = w && (roles[w.pattern] === Role.FalseFriend ? w.pattern : w.alts?.find((a) => roles[a] === Role.FalseFriend));
      if (!w) {
        const own = h.alts?.find((a) => roles[a] === Role.FalseFriend);
        if (own !== undefined) this.dropped.push({ pattern: h.pattern, start: h.start, end: h.end, why: 'false-friend', by: { pattern: own, start: h.start, end: h.end } });
        continue;
      }
      this.dropped.push({
        pattern: h.pattern,
        start: h.start,
        end: h.end,
        why: friend !== undefined ? 'false-friend' : 'overlap',
        by: { pattern: friend ?? w.pattern, start: w.start, end: w.end },
      });
    }
    return kept;
  }
}

/** Every candidate on a page, shown or refused, with the reason (`npm run scan -- --explain`). */
export function explainHtml(base: Matcher, html: string, options: PageOptions = {}): Explanation {
  const matcher = new ExplainingMatcher(base.dict);
  const d = matcher.dict;
  const runs = visibleTextRuns(html);
  const known = new Uint8Array(d.contexts.length);
  const refused: Refusal[][] = [];
  const candidates = runs.map((text) => {
    const sink: Refusal[] = [];
    matcher.dropped = sink;
    const found = matcher.scan(text, known, sink);
    for (const c of found) if (d.patRole[c.pattern] === Role.Context) known[d.patRef[c.pattern]!] = 1;
    refused.push(sink);
    return found;
  });
  const state = resolvePage(d, candidates, options);
  const { topic, offsets } = state;
  const reasons = explainPage(d, candidates, state);
  const gate = 'page on topic';
  const items: { run: number; start: number; item: Explained }[] = [];
  const describe = (run: number, p: number, start: number, end: number, shown: boolean, why: string): void => {
    const text = runs[run]!;
    const e = d.patRef[p]!;
    const source = d.patSource?.[p];
    items.push({
      run,
      start,
      item: {
        text: text.slice(start, end),
        entity: d.entities[e]!,
        kind: d.kinds[d.entityKind[e]!]!,
        alias: source?.text ?? '',
        form: source?.form ?? '',
        shown,
        why,
        context: squash(text.slice(Math.max(0, start - AROUND), end + AROUND)),
      },
    });
  };
  candidates.forEach((list, run) => {
    list.forEach((c, i) => {
      const reason = reasons[offsets[run]! + i];
      if (!reason) return;
      if (reason.shown) {
        describe(run, c.pattern, c.start, c.end, true, `${reason.via === 'certain' ? 'needs no context' : `context met: ${reason.via}`}; ${gate}`);
      } else if (reason.otherSense) {
        describe(run, c.pattern, c.start, c.end, false, `the page uses the name in another sense (${reason.otherSense.join(', ')})`);
      } else if (reason.why === 'requirement') {
        describe(run, c.pattern, c.start, c.end, false, `needs one of: ${reason.needs!.join(', ')}; the page has none`);
      } else if (reason.why === 'off-topic') {
        describe(run, c.pattern, c.start, c.end, false, `page is not about the topic: ${topicWords(topic)}`);
      } else {
        describe(run, c.pattern, c.start, c.end, false, 'later mention of a person, place or agency (first mention only)');
      }
    });
  });
  refused.forEach((list, run) => {
    for (const r of list) {
      const text = runs[run]!;
      const by = r.by ? `«${text.slice(r.by.start, r.by.end)}»` : '';
      const why =
        r.why === 'word-continues'
          ? 'the word goes on after it'
          : r.why === 'case'
            ? `capitals differ from the alias (case-sensitive)`
            : r.why === 'false-friend'
              ? `inside false friend or near-word ${by}`
              : `overlapped by the longer or earlier mention ${by}`;
      describe(run, r.pattern, r.start, r.end, false, why);
    }
  });
  items.sort((a, b) => a.run - b.run || a.start - b.start);
  return { topic, items: items.map((i) => i.item) };
}

/** The topic verdict's evidence against the rule in engine/page.ts, in words. */
export function topicWords(t: Topic): string {
  return (
    `${t.mentions} confident mentions (needs ${TOPIC_MIN_MENTIONS}) of ${t.entities} entities (needs ${TOPIC_MIN_ENTITIES}); ` +
    (t.beyondBrands ? 'a chip, model, rule or topic word is among them' : 'only company names, no chip, model, rule or topic word')
  );
}

function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
