// Shows one of the reader's own notes where its quote is on the page.
import type { PageNote } from '../messaging/protocol';
import { t } from './i18n';

export interface NoteCardProps {
  note: PageNote;
  locale: string;
}

export function NoteCard({ note, locale }: NoteCardProps) {
  const when = new Date(note.updatedAt);
  let date = when.toISOString().slice(0, 10);
  try {
    date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(when);
  } catch {
    // An unknown locale keeps the ISO date.
  }
  return (
    <div class="gloss-card gloss-note-card" role="dialog" aria-label={t('noteCardTitle')}>
      <div class="gloss-note-head">
        <span class="gloss-kind gloss-kind-note">{t('noteCardTitle')}</span>
        <time dateTime={when.toISOString()}>{date}</time>
      </div>
      {note.body ? <p class="gloss-note-body">{note.body}</p> : <p class="gloss-note-body gloss-muted">{t('noteNoText')}</p>}
      {note.tags.length > 0 ? (
        <p class="gloss-tags">
          {note.tags.map((tag) => (
            <span key={tag} class="gloss-tag">
              #{tag}
            </span>
          ))}
        </p>
      ) : null}
    </div>
  );
}
