// Shows dated events, newest first, each with its sources.
import { formatDate } from './format';
import { t } from './i18n';
import { SourceLinks } from './SourceLinks';

export interface TimelineEvent {
  date: string;
  title: string;
  summary?: string;
  status: 'confirmed' | 'reported';
  /** Language of the title and summary, when it may differ from the UI's. */
  lang?: string;
  sources: readonly { url: string; publisher: string; published: string }[];
}

export interface TimelineProps {
  events: readonly TimelineEvent[];
  locale: string;
}

export function Timeline({ events, locale }: TimelineProps) {
  return (
    <ol class="gloss-timeline">
      {events.map((e) => (
        <li key={`${e.date}-${e.title}`} class="gloss-event">
          <time dateTime={e.date}>{formatDate(e.date, locale)}</time>
          <div class="gloss-event-body">
            <span class="gloss-event-title" lang={e.lang}>
              {e.title}
            </span>
            {e.status === 'reported' ? <span class="gloss-reported"> {t('eventReported')}</span> : null}
            {e.summary ? <p class="gloss-event-summary" lang={e.lang}>{e.summary}</p> : null}
            <SourceLinks sources={e.sources} locale={locale} />
          </div>
        </li>
      ))}
    </ol>
  );
}
