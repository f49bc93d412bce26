// Shows dated events, newest first, each with its sources.
import { formatDate } from './format';
import { t } from './i18n';
import { LanguageMark } from './LanguageMark';
import { SourceLinks } from './SourceLinks';

export interface TimelineEvent {
  date: string;
  title: string;
  summary?: string;
  /** The languages of title and summary, when known (then a fallback is marked). */
  titleLang?: string;
  summaryLang?: string;
  status: 'confirmed' | 'reported';
  sources: readonly { url: string; publisher: string; published: string }[];
}

export interface TimelineProps {
  events: readonly TimelineEvent[];
  locale: string;
  /** The list's heading already names the one fallback language of every title: no mark per event. */
  languageNamed?: boolean;
}

export function Timeline({ events, locale, languageNamed }: TimelineProps) {
  return (
    <ol class="gloss-timeline">
      {events.map((e) => (
        <li key={`${e.date}-${e.title}`} class="gloss-event">
          <time dateTime={e.date}>{formatDate(e.date, locale)}</time>
          <div class="gloss-event-body">
            <span class="gloss-event-title" lang={e.titleLang}>
              {e.title}
            </span>
            {languageNamed ? null : <LanguageMark lang={e.titleLang} />}
            {e.status === 'reported' ? <span class="gloss-reported"> {t('eventReported')}</span> : null}
            {e.summary ? (
              <p class="gloss-event-summary" lang={e.summaryLang}>
                {e.summary}
                {e.summaryLang !== e.titleLang ? <LanguageMark lang={e.summaryLang} /> : null}
              </p>
            ) : null}
            <SourceLinks sources={e.sources} locale={locale} />
          </div>
        </li>
      ))}
    </ol>
  );
}
