// Shows the form for a new note on the page: the quoted text, the note and its tags.
// Keyboard: it takes focus when opened; Ctrl/⌘+Enter saves, Esc cancels. (A class
// component: hooks would add a kilobyte to the content script every page loads.)
import { Component, createRef } from 'preact';
import { t } from './i18n';

export interface NoteComposerProps {
  /** The quoted passage, when the note is anchored to one. */
  quote?: string;
  /** Names of the entities the note will concern. */
  entityNames: string[];
  onSave(body: string, tags: string[]): Promise<void>;
  onCancel(): void;
}

interface NoteComposerState {
  body: string;
  tags: string;
  status: { kind: 'idle' } | { kind: 'saving' } | { kind: 'failed'; message: string };
}

export class NoteComposer extends Component<NoteComposerProps, NoteComposerState> {
  override state: NoteComposerState = { body: '', tags: '', status: { kind: 'idle' } };
  private readonly area = createRef<HTMLTextAreaElement>();

  override componentDidMount(): void {
    this.area.current?.focus();
  }

  private async save(): Promise<void> {
    const { body, tags, status } = this.state;
    if (status.kind === 'saving') return;
    if (body.trim() === '' && !this.props.quote) {
      this.setState({ status: { kind: 'failed', message: t('noteEmpty') } });
      return;
    }
    this.setState({ status: { kind: 'saving' } });
    try {
      await this.props.onSave(body, tags.split(',').map((s) => s.trim()).filter(Boolean));
    } catch (e) {
      this.setState({ status: { kind: 'failed', message: e instanceof Error ? e.message : String(e) } });
    }
  }

  override render({ quote, entityNames, onCancel }: NoteComposerProps, { body, tags, status }: NoteComposerState) {
    return (
      <div class="gloss-card gloss-composer" role="dialog" aria-label={t('composerTitle')}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void this.save();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              onCancel();
            } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void this.save();
            }
          }}
        >
          <h2 class="gloss-name">{t('composerTitle')}</h2>
          {quote ? <blockquote class="gloss-quote">{quote.length > 300 ? `${quote.slice(0, 300)}…` : quote}</blockquote> : null}
          {entityNames.length > 0 ? <p class="gloss-about">{t('composerAbout', entityNames.join(', '))}</p> : null}
          <label class="gloss-field">
            <span>{t('composerNote')}</span>
            <textarea ref={this.area} rows={4} maxLength={20000} value={body} onInput={(e) => this.setState({ body: (e.currentTarget as HTMLTextAreaElement).value })} />
          </label>
          <label class="gloss-field">
            <span>{t('composerTags')}</span>
            <input type="text" value={tags} maxLength={600} onInput={(e) => this.setState({ tags: (e.currentTarget as HTMLInputElement).value })} />
          </label>
          {status.kind === 'failed' ? (
            <p class="gloss-error" role="alert">
              {status.message}
            </p>
          ) : null}
          <div class="gloss-actions">
            <button type="submit" class="gloss-primary" disabled={status.kind === 'saving'}>
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
}
