// Shows one entity on the page: name, kind, summary, key facts and latest events.
// A dialog named by the entity and described by its kind and summary, so a screen
// reader announces all three when focus moves in; every text carries its own
// language (the pack's text may fall back to another language than the UI's).
import type { CardData } from '../messaging/protocol';
import { t } from './i18n';
import { KindBadge } from './KindBadge';
import { Timeline } from './Timeline';

export interface HoverCardProps {
  card: CardData | 'loading' | 'missing';
  /** The page text that was hovered, e.g. "ελέγχους εξαγωγών". */
  text: string;
  locale: string;
  /** The language of the UI strings (labels, buttons). */
  uiLang: string;
  /** Starts a note on this mention, about this entity. */
  onNoteThis?: () => void;
}

export function HoverCard({ card, text, locale, uiLang, onNoteThis }: HoverCardProps) {
  if (card === 'loading') return <div class="gloss-card gloss-loading" aria-busy="true" lang={uiLang}>{t('cardLoading', text)}</div>;
  if (card === 'missing') return <div class="gloss-card" role="dialog" aria-label={text} tabIndex={-1} lang={uiLang}>{t('cardMissing', text)}</div>;
  const more = card.eventCount - card.events.length;
  return (
    <div class="gloss-card" role="dialog" aria-labelledby="gloss-name" aria-describedby="gloss-kind gloss-summary" tabIndex={-1} lang={uiLang}>
      <div class="gloss-head">
        <span id="gloss-kind">
          <KindBadge kind={card.kind} />
        </span>
        <h2 class="gloss-name" id="gloss-name" lang={card.nameLang ?? card.lang}>
          {card.name}
        </h2>
      </div>
      <p class="gloss-summary" id="gloss-summary" lang={card.lang}>
        {card.summary}
      </p>
      {card.facts.length > 0 ? (
        <ul class="gloss-facts">
          {card.facts.map((f, i) => (
            <li key={f} lang={card.factLangs?.[i] ?? card.lang}>
              {f}
            </li>
          ))}
        </ul>
      ) : null}
      {card.events.length > 0 ? (
        <section aria-labelledby="gloss-timeline">
          <h3 id="gloss-timeline">{t('cardTimeline')}</h3>
          <Timeline events={card.events} locale={locale} />
          {more > 0 ? <p class="gloss-more">{t('cardEarlierEvents', String(more))}</p> : null}
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
