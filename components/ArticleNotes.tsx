// Shows the reader's notes on the article in the current tab, oldest first, and a form
// to add one; read live from IndexedDB, written through the background.
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { send } from '../messaging/client';
import type { TabArticle } from '../messaging/protocol';
import { notesOfArticle, revisionsOf } from '../storage/notes';
import { t } from './i18n';
import { NoteItem } from './NoteItem';

export interface ArticleNotesProps {
  tabId: number;
  article: TabArticle;
  orphaned: readonly string[];
  locale: string;
  onExport?(): void;
}

export function ArticleNotes({ tabId, article, orphaned, locale, onExport }: ArticleNotesProps) {
  const notes = useLiveQuery(async () => {
    const list = await notesOfArticle(article.id);
    return Promise.all(list.map(async (note) => ({ note, revisions: await revisionsOf(note.id) })));
  }, [article.id]);
  const [adding, setAdding] = useState(false);
  const [body, setBody] = useState('');
  const [tags, setTags] = useState('');
  const [status, setStatus] = useState<{ text: string; undo?: string; error?: boolean }>();

  const add = async () => {
    if (body.trim() === '') {
      setStatus({ text: t('noteEmptyPopup'), error: true });
      return;
    }
    try {
      await send('ui.saveNote', { tabId, body, tags: splitTags(tags), entities: [] });
      setBody('');
      setTags('');
      setAdding(false);
      setStatus({ text: t('noteSaved') });
    } catch (e) {
      setStatus({ text: e instanceof Error ? e.message : String(e), error: true });
    }
  };

  const remove = async (id: string) => {
    await send('ui.deleteNote', { id });
    setStatus({ text: t('noteDeleted'), undo: id });
  };

  const count = notes?.length ?? 0;
  return (
    <section class="article-notes" aria-labelledby="article-notes-title">
      <h2 id="article-notes-title" class="gloss-section-title">
        {t('popupNotesTitle', String(count))}
      </h2>
      {notes?.map(({ note, revisions }) => (
        <NoteItem
          key={note.id}
          note={note}
          locale={locale}
          orphaned={orphaned.includes(note.id)}
          revisions={revisions}
          onSave={async (b, tg) => {
            await send('ui.saveNote', { id: note.id, body: b, tags: tg, entities: note.entities });
            setStatus({ text: t('noteSaved') });
          }}
          onDelete={() => void remove(note.id)}
          onRestore={(id) => void send('ui.restoreRevision', { id })}
          onDismiss={(id) => void send('ui.dismissRevision', { id })}
        />
      ))}
      {adding ? (
        <div class="note-add">
          <label>
            <span class="field-label">{t('composerNote')}</span>
            <textarea rows={3} maxLength={20000} value={body} autoFocus onInput={(e) => setBody((e.currentTarget as HTMLTextAreaElement).value)} />
          </label>
          <label>
            <span class="field-label">{t('composerTags')}</span>
            <input type="text" value={tags} onInput={(e) => setTags((e.currentTarget as HTMLInputElement).value)} />
          </label>
          <div class="note-actions">
            <button type="button" class="primary" onClick={() => void add()}>
              {t('composerSave')}
            </button>
            <button type="button" onClick={() => setAdding(false)}>
              {t('composerCancel')}
            </button>
          </div>
        </div>
      ) : (
        <div class="note-actions">
          <button type="button" class="primary" onClick={() => setAdding(true)}>
            {t('popupAddNote')}
          </button>
          {count > 0 && onExport ? (
            <button type="button" onClick={onExport}>
              {t('popupExportArticle')}
            </button>
          ) : null}
          <button type="button" class="link" onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/notes.html') })}>
            {t('popupAllNotes')}
          </button>
        </div>
      )}
      <p class={status?.error ? 'error' : 'muted'} role="status" aria-live="polite">
        {status?.text}
        {status?.undo ? (
          <>
            {' '}
            <button
              type="button"
              class="link"
              onClick={() => {
                void send('ui.undeleteNote', { id: status.undo! });
                setStatus({ text: t('noteRestored') });
              }}
            >
              {t('undo')}
            </button>
          </>
        ) : null}
      </p>
    </section>
  );
}

export function splitTags(text: string): string[] {
  // A Chinese or Japanese keyboard types the full-width comma (，) or the enumeration comma (、).
  return text.split(/[,，、]/).map((s) => s.trim()).filter(Boolean);
}
