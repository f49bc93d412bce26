// Shows the extension's keyboard commands (browser.commands.getAll()): what each does and
// its shortcut, or that none is set; with `howToChange`, how to change them in this browser.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from './i18n';

export interface KeyboardShortcutsProps {
  howToChange?: boolean;
}

interface Command {
  name: string;
  description: string;
  shortcut: string;
}

/** Chromium lets an extension open its shortcut settings; Firefox keeps them behind about:addons. */
const isFirefox = browser.runtime.getURL('/').startsWith('moz-extension:');

export function KeyboardShortcuts({ howToChange = false }: KeyboardShortcutsProps) {
  const [commands, setCommands] = useState<Command[]>();
  useEffect(() => {
    const read = () =>
      void browser.commands.getAll().then((all) =>
        setCommands(
          all
            .filter((c) => c.name && c.name !== '_execute_action' && c.name !== '_execute_browser_action')
            .map((c) => ({ name: c.name!, description: c.description || c.name!, shortcut: c.shortcut ?? '' })),
        ),
      );
    read();
    // Shortcuts changed in the browser's settings show when the reader comes back.
    addEventListener('focus', read);
    return () => removeEventListener('focus', read);
  }, []);
  return (
    <div class="shortcuts">
      {commands === undefined ? null : (
        <table class="shortcut-table">
          <thead>
            <tr>
              <th scope="col">{t('shortcutsWhat')}</th>
              <th scope="col">{t('shortcutsKeys')}</th>
            </tr>
          </thead>
          <tbody>
            {commands.map((c) => (
              <tr key={c.name} data-command={c.name}>
                <td>{c.description}</td>
                <td>{c.shortcut ? <kbd>{c.shortcut}</kbd> : <span class="not-set">{t('shortcutsNotSet')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {howToChange ? (
        isFirefox ? (
          <p class="hint">{t('shortcutsChangeFirefox')}</p>
        ) : (
          <p class="hint">
            {t('shortcutsChangeChrome')}{' '}
            <button type="button" class="open-shortcuts" onClick={() => void browser.tabs.create({ url: 'chrome://extensions/shortcuts' })}>
              {t('shortcutsOpenChrome')}
            </button>
          </p>
        )
      ) : null}
    </div>
  );
}
