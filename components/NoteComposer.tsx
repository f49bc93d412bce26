// Shows the form for a new note on the page: the quoted text, the note and its tags.
// Keyboard: the note field has focus when it opens; Ctrl/⌘+Enter saves, Esc cancels.
// Written without component state (it renders once and reads its fields on save), so
// it runs under the content script's DOM-building JSX runtime.
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
  const fields: { body?: HTMLTextAreaElement; tags?: HTMLInputElement; error?: HTMLElement; save?: HTMLButtonElement } = {};
  let saving = false;

  const fail = (message: string) => {
    fields.error!.textContent = message;
    fields.error!.hidden = false;
  };
  const save = async () => {
    if (saving) return;
    const body = fields.body!.value;
    if (body.trim() === '' && !quote) return fail(t('noteEmpty'));
    saving = true;
    fields.save!.disabled = true;
    try {
      await onSave(body, fields.tags!.value.split(/[,，、]/).map((s) => s.trim()).filter(Boolean));
    } catch (e) {
      fail(e instanceof Error ? e.message : String(e));
    } finally {
      saving = false;
      fields.save!.disabled = false;
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
          <textarea ref={(el: HTMLTextAreaElement | null) => {
            fields.body = el ?? undefined;
          }} rows={4} maxLength={20000} />
        </label>
        <label class="gloss-field">
          <span>{t('composerTags')}</span>
          <input ref={(el: HTMLInputElement | null) => {
            fields.tags = el ?? undefined;
          }} type="text" maxLength={600} />
        </label>
        <p class="gloss-error" role="alert" hidden ref={(el: HTMLParagraphElement | null) => {
            fields.error = el ?? undefined;
          }} />
        <div class="gloss-actions">
          <button type="submit" class="gloss-primary" ref={(el: HTMLButtonElement | null) => {
            fields.save = el ?? undefined;
          }}>
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
