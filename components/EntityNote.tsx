// Shows the reader's own note on an entity as a field that saves as it is typed.
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
  onSave(text: string): void;
}

export function EntityNote({ stored, onSave }: EntityNoteProps) {
  const [text, setText] = useState(stored);
  const editing = useRef(false);
  useEffect(() => {
    if (!editing.current) setText(stored);
  }, [stored]);
  return (
    <textarea
      rows={3}
      maxLength={4000}
      placeholder={t('entityNotePlaceholder')}
      value={text}
      onFocus={() => (editing.current = true)}
      onBlur={() => (editing.current = false)}
      onInput={(e) => {
        const value = (e.currentTarget as HTMLTextAreaElement).value;
        setText(value);
        onSave(value);
      }}
    />
  );
}
