// Shows dated events, newest first, each with its sources.
import { formatDate } from './format';
import type { ComponentChildren } from 'preact';
import { t } from './i18n';
import { SourceLinks } from './SourceLinks';

export interface TimelineEvent {
  date: string;
  title: string;
  summary?: string;
  /** The languages of title and summary, when known (then a fallback is marked). */
  titleLang?: string;
  summaryLang?: string;
  status: 'confirmed' | 'reported';
  /** The language of title and summary together (the hover card's events), when it may differ from the UI's. */
  lang?: string;
  sources: readonly { url: string; publisher: string; published: string }[];
}

export interface TimelineProps {
  events: readonly TimelineEvent[];
  locale: string;
  /**
   * Marks a text in a fallback language (the extension pages pass LanguageMark; the hover
   * card, whose script has a size budget, does not).
   */
  mark?: (lang: string | undefined) => ComponentChildren;
}

export function Timeline({ events, locale, mark }: TimelineProps) {
  return (
    <ol class="gloss-timeline">
      {events.map((e) => (
        <li key={`${e.date}-${e.title}`} class="gloss-event">
          <time dateTime={e.date}>{formatDate(e.date, locale)}</time>
          <div class="gloss-event-body">
            <span class="gloss-event-title" lang={e.titleLang ?? e.lang}>
              {e.title}
            </span>
            {mark?.(e.titleLang)}
            {e.status === 'reported' ? <span class="gloss-reported"> {t('eventReported')}</span> : null}
            {e.summary ? (
              <p class="gloss-event-summary" lang={e.summaryLang ?? e.lang}>
                {e.summary}
                {e.summaryLang !== e.titleLang ? mark?.(e.summaryLang) : null}
              </p>
            ) : null}
            <SourceLinks sources={e.sources} locale={locale} />
          </div>
        </li>
      ))}
    </ol>
  );
}
