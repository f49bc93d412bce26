// Shows the sources of a fact or event as links, publisher and date.
import { formatDate } from './format';

export interface SourceLinksProps {
  sources: readonly { url: string; publisher: string; published: string }[];
  locale: string;
}

/** Only https addresses become links (packs are checked on import; this holds whatever reaches a card). */
function safeHref(url: string): string | undefined {
  return /^https:\/\/[^\s]+$/i.test(url) ? url : undefined;
}

export function SourceLinks({ sources, locale }: SourceLinksProps) {
  return (
    <span class="gloss-sources">
      {sources.map((s, i) => (
        <span key={s.url}>
          {i > 0 ? ' · ' : ''}
          <a href={safeHref(s.url)} target="_blank" rel="noopener noreferrer" title={s.url}>
            {s.publisher}
          </a>
          <span class="gloss-published">, {formatDate(s.published, locale)}</span>
        </span>
      ))}
    </span>
  );
}
