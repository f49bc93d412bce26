// Shows the reader's own note on an entity as a field that saves as it is typed, and
// says "Note saved" (a polite live region) once the typing pauses and the save is done.
//
// The typed text is the field's own state. Bound straight to the stored note, every
// keystroke's save came back through the live query a moment later and put an older
// text into the field, dropping the keys typed meanwhile (seen in Firefox, where the
// round trip is slower). A change from elsewhere (sync) shows when the field is not
// being edited.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from './i18n';

export interface EntityNoteProps {
  stored: string;
  onSave(text: string): Promise<unknown>;
  /** id of the element that labels the field. */
  labelledBy?: string;
}

/** How long typing pauses before the save is announced (one announcement, not one per key). */
const ANNOUNCE_AFTER_MS = 700;

export function EntityNote({ stored, onSave, labelledBy }: EntityNoteProps) {
  const [text, setText] = useState(stored);
  const [status, setStatus] = useState('');
  const editing = useRef(false);
  const timer = useRef<number | undefined>(undefined);
  const latest = useRef(0);
  useEffect(() => {
    if (!editing.current) setText(stored);
  }, [stored]);
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <>
      <textarea
        rows={3}
        maxLength={4000}
        aria-labelledby={labelledBy}
        placeholder={t('entityNotePlaceholder')}
        value={text}
        onFocus={() => (editing.current = true)}
        onBlur={() => (editing.current = false)}
        onInput={(e) => {
          const value = (e.currentTarget as HTMLTextAreaElement).value;
          setText(value);
          setStatus('');
          const mine = ++latest.current;
          clearTimeout(timer.current);
          const saved = onSave(value);
          timer.current = window.setTimeout(() => {
            void saved.then(
              () => mine === latest.current && setStatus(t(value.trim() === '' ? 'entityNoteRemoved' : 'entityNoteSaved')),
              (err: unknown) => mine === latest.current && setStatus(err instanceof Error ? err.message : String(err)),
            );
          }, ANNOUNCE_AFTER_MS);
        }}
      />
      <p class="note-status" role="status" aria-live="polite">
        {status}
      </p>
    </>
  );
}
