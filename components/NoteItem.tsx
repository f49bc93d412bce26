// Shows one of the reader's notes: its quote, text, tags and dates, with edit and
// delete; a quote the page no longer has is marked as not found (the note stays), and
// texts kept from concurrent edits can be put back.
import { useState } from 'preact/hooks';
import type { RevisionRecord } from '../model';
import type { LocalNote } from '../storage/db';
import { webHref } from './format';
import { t } from './i18n';

export interface NoteItemProps {
  note: LocalNote;
  locale: string;
  /** The quote was looked for on the page and not found. */
  orphaned?: boolean;
  /** The article, shown when notes of many articles are listed together. */
  article?: { title: string; url: string; site: string; /** The page's own language, when it said. */ lang?: string | null };
  /** Display names of the entities the note concerns. */
  entityNames?: Record<string, string>;
  /** The language of each of those names (the reader's where the pack has it, else a fallback). */
  entityLangs?: Record<string, string>;
  revisions?: RevisionRecord[];
  onSave(body: string, tags: string[]): Promise<void>;
  onDelete(): void;
  onRestore?(revisionId: string): void;
  onDismiss?(revisionId: string): void;
}

export function formatWhen(ms: number, locale: string): string {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
  } catch {
    return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
  }
}

export function NoteItem({ note, locale, orphaned, article, entityNames, entityLangs, revisions, onSave, onDelete, onRestore, onDismiss }: NoteItemProps) {
  const [editing, setEditing] = useState(false);
  const [body, setBody] = useState(note.body);
  const [tags, setTags] = useState(note.tags.join(', '));
  const [error, setError] = useState<string>();

  const save = async () => {
    try {
      await onSave(body, tags.split(/[,，、]/).map((s) => s.trim()).filter(Boolean));
      setEditing(false);
      setError(undefined);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <article class="note-item" data-note={note.id} aria-label={t('noteItemLabel', formatWhen(note.createdAt, locale))}>
      {article ? (
        <p class="note-article">
          <a href={webHref(article.url)} target="_blank" rel="noopener noreferrer" lang={article.lang ?? undefined} dir="auto">
            {article.title || article.url}
          </a>{' '}
          <span class="muted">{article.site}</span>
        </p>
      ) : null}
      {note.quote ? (
        <blockquote class={`note-quote${orphaned ? ' orphaned' : ''}`}>
          <bdi>{note.quote.exact}</bdi>
          {orphaned ? <span class="note-orphaned"> {t('noteOrphaned')}</span> : null}
        </blockquote>
      ) : null}
      {editing ? (
        <div class="note-edit">
          <label>
            <span class="sr-only">{t('composerNote')}</span>
            <textarea rows={4} maxLength={20000} value={body} onInput={(e) => setBody((e.currentTarget as HTMLTextAreaElement).value)} />
          </label>
          <label>
            <span class="field-label">{t('composerTags')}</span>
            <input type="text" value={tags} onInput={(e) => setTags((e.currentTarget as HTMLInputElement).value)} />
          </label>
          {error ? (
            <p class="error" role="alert">
              {error}
            </p>
          ) : null}
          <div class="note-actions">
            <button type="button" class="primary" onClick={() => void save()}>
              {t('composerSave')}
            </button>
            <button
              type="button"
              onClick={() => {
                setEditing(false);
                setBody(note.body);
                setTags(note.tags.join(', '));
              }}
            >
              {t('composerCancel')}
            </button>
          </div>
        </div>
      ) : (
        <>
          {note.body ? (
            <p class="note-body" dir="auto">
              {note.body}
            </p>
          ) : null}
          {note.tags.length > 0 || note.entities.length > 0 ? (
            <p class="note-tags">
              {note.tags.map((tag) => (
                <span key={`t:${tag}`} class="tag">
                  #<bdi>{tag}</bdi>
                </span>
              ))}
              {note.entities.map((e) => (
                <span key={`e:${e}`} class="tag entity-tag" lang={entityLangs?.[e]}>
                  {entityNames?.[e] ?? e}
                </span>
              ))}
            </p>
          ) : null}
          <p class="note-meta muted">
            <time dateTime={new Date(note.createdAt).toISOString()}>{formatWhen(note.createdAt, locale)}</time>
            {note.updatedAt > note.createdAt + 1000 ? ` · ${t('noteEdited', formatWhen(note.updatedAt, locale))}` : ''}
          </p>
          <div class="note-actions">
            <button type="button" onClick={() => setEditing(true)}>
              {t('noteEdit')}
            </button>
            <button type="button" onClick={onDelete}>
              {t('noteDelete')}
            </button>
          </div>
        </>
      )}
      {revisions && revisions.length > 0 ? (
        <div class="note-revisions">
          <p class="muted">{t('noteRevisions')}</p>
          {revisions.map((r) => (
            <div key={r.id} class="note-revision" data-revision={r.id}>
              <p class="note-body">{r.value}</p>
              <div class="note-actions">
                <button type="button" onClick={() => onRestore?.(r.id)}>
                  {t('revisionRestore')}
                </button>
                <button type="button" onClick={() => onDismiss?.(r.id)}>
                  {t('revisionDismiss')}
                </button>
              </div>
            </div>
          ))}
        </div>
      ) : null}
    </article>
  );
}
