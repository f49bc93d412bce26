// Shows the form for a new note on the page: the quoted text, the note and its tags.
// Keyboard: it takes focus when opened; Ctrl/⌘+Enter saves, Esc cancels.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from './i18n';

export interface NoteComposerProps {
  /** The quoted passage, when the note is anchored to one. */
  quote?: string;
  /** Names of the entities the note will concern. */
  entityNames: string[];
  onSave(body: string, tags: string[]): Promise<void>;
  onCancel(): void;
}

export function NoteComposer({ quote, entityNames, onSave, onCancel }: NoteComposerProps) {
  const [body, setBody] = useState('');
  const [tags, setTags] = useState('');
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'saving' } | { kind: 'failed'; message: string }>({ kind: 'idle' });
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => area.current?.focus(), []);

  const save = async () => {
    if (state.kind === 'saving') return;
    if (body.trim() === '' && !quote) {
      setState({ kind: 'failed', message: t('noteEmpty') });
      return;
    }
    setState({ kind: 'saving' });
    try {
      await onSave(body, tags.split(',').map((s) => s.trim()).filter(Boolean));
    } catch (e) {
      setState({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  };

  return (
    <div class="gloss-card gloss-composer" role="dialog" aria-label={t('composerTitle')}>
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void save();
        }
      }}
    >
      <h2 class="gloss-name">{t('composerTitle')}</h2>
      {quote ? <blockquote class="gloss-quote">{quote.length > 300 ? `${quote.slice(0, 300)}…` : quote}</blockquote> : null}
      {entityNames.length > 0 ? <p class="gloss-about">{t('composerAbout', entityNames.join(', '))}</p> : null}
      <label class="gloss-field">
        <span>{t('composerNote')}</span>
        <textarea ref={area} rows={4} maxLength={20000} value={body} onInput={(e) => setBody((e.currentTarget as HTMLTextAreaElement).value)} />
      </label>
      <label class="gloss-field">
        <span>{t('composerTags')}</span>
        <input type="text" value={tags} maxLength={600} onInput={(e) => setTags((e.currentTarget as HTMLInputElement).value)} />
      </label>
      {state.kind === 'failed' ? (
        <p class="gloss-error" role="alert">
          {state.message}
        </p>
      ) : null}
      <div class="gloss-actions">
        <button type="submit" class="gloss-primary" disabled={state.kind === 'saving'}>
          {t('composerSave')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('composerCancel')}
        </button>
        <span class="gloss-hint">{t('composerKeys')}</span>
      </div>
    </form>
    </div>
  );
}
