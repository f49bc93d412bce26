// Shows what a page mentions, grouped by kind, with how often each entity appears.
import type { Kind } from '../knowledge/schema';
import { KIND_ORDER } from './format';
import { kindPlural, mentionCount } from './kinds';

export interface MentionRow {
  entity: string;
  kind: Kind;
  name: string;
  /** The language of `name` (the pack's text in the reader's language, or a fallback). */
  lang?: string;
  count: number;
  /** The text seen on the page, when it differs from the name. */
  text: string;
}

export interface MentionListProps {
  rows: readonly MentionRow[];
  onChoose(entity: string): void;
}

export function MentionList({ rows, onChoose }: MentionListProps) {
  const groups = KIND_ORDER.map((kind) => ({ kind, rows: rows.filter((r) => r.kind === kind).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)) })).filter(
    (g) => g.rows.length > 0,
  );
  return (
    <div class="mention-list">
      {groups.map((g) => (
        <section key={g.kind} class={`mention-group kind-${g.kind}`} aria-label={kindPlural(g.kind)}>
          <h2 class="gloss-section-title">
            {kindPlural(g.kind)} <span class="group-count">{g.rows.reduce((n, r) => n + r.count, 0)}</span>
          </h2>
          <ul>
            {g.rows.map((r) => (
              <li key={r.entity}>
                <button type="button" class="mention-row" data-entity={r.entity} onClick={() => onChoose(r.entity)}>
                  <span class={`swatch swatch-${r.kind}`} aria-hidden="true" />
                  <span class="mention-label">
                    <span class="mention-name" lang={r.lang}>
                      {r.name}
                    </span>
                    {r.text.toLowerCase() !== r.name.toLowerCase() ? <span class="mention-text">“{r.text}”</span> : null}
                  </span>
                  <span class="mention-count" aria-label={mentionCount(r.count)}>
                    ×{r.count}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
