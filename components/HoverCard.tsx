// Shows one entity on the page: name, kind, summary, key facts and latest events.
import type { CardData } from '../messaging/protocol';
import { t } from './i18n';
import { KindBadge } from './KindBadge';
import { Timeline } from './Timeline';

export interface HoverCardProps {
  card: CardData | 'loading' | 'missing';
  /** The page text that was hovered, e.g. "ελέγχους εξαγωγών". */
  text: string;
  locale: string;
  /** Starts a note on this mention, about this entity. */
  onNoteThis?: () => void;
}

export function HoverCard({ card, text, locale, onNoteThis }: HoverCardProps) {
  if (card === 'loading') return <div class="gloss-card gloss-loading" aria-busy="true">{text}…</div>;
  if (card === 'missing') return <div class="gloss-card">Gloss has no card for “{text}”.</div>;
  const more = card.eventCount - card.events.length;
  return (
    <div class="gloss-card" role="dialog" aria-label={card.name}>
      <header>
        <KindBadge kind={card.kind} />
        <h2 class="gloss-name">{card.name}</h2>
      </header>
      <p class="gloss-summary" lang={card.lang}>
        {card.summary}
      </p>
      {card.facts.length > 0 ? (
        <ul class="gloss-facts">
          {card.facts.map((f) => (
            <li key={f}>{f}</li>
          ))}
        </ul>
      ) : null}
      {card.events.length > 0 ? (
        <section aria-label="Timeline">
          <h3>Timeline</h3>
          <Timeline events={card.events} locale={locale} />
          {more > 0 ? <p class="gloss-more">{more} earlier {more === 1 ? 'event' : 'events'} in the Gloss popup</p> : null}
        </section>
      ) : null}
      {onNoteThis ? (
        <div class="gloss-actions">
          <button type="button" class="gloss-note-this" onClick={onNoteThis}>
            {t('cardNoteThis')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
