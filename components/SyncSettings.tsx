// Shows sync with the user's own Gloss sync server: the server and token form, "Sync
// now", "Turn off", and the state in words (last sync, changes waiting, last error).
// The token is written once and never shown again; it stays in the extension.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { send } from '../messaging/client';
import type { SyncStatusReply } from '../messaging/protocol';
import { isPrivateOrHttps } from '../messaging/sync-address';
import { t } from './i18n';
import { formatWhen } from './NoteItem';

export interface SyncSettingsProps {
  locale: string;
}

/** The origin pattern the browser must let Gloss reach for this server. */
export function originPattern(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}/*`;
}

export function SyncSettings({ locale }: SyncSettingsProps) {
  const [status, setStatus] = useState<SyncStatusReply>();
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error?: boolean }>();

  const refresh = async () => setStatus(await send('ui.syncStatus', {}));
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), 5000);
    return () => clearInterval(timer);
  }, []);

  const connect = async (e: Event) => {
    e.preventDefault();
    setMessage(undefined);
    let pattern: string;
    try {
      pattern = originPattern(url.trim());
    } catch {
      setMessage({ text: t('syncBadUrl'), error: true });
      return;
    }
    if (!isPrivateOrHttps(url.trim())) {
      setMessage({ text: t('syncPlainHttp'), error: true });
      return;
    }
    // Asked for now, for this server only; the browser shows the user what it is.
    const granted = await browser.permissions.request({ origins: [pattern] }).catch(() => false);
    if (!granted) {
      setMessage({ text: t('syncNoPermission', pattern), error: true });
      return;
    }
    setBusy(true);
    try {
      const next = await send('ui.setSync', { url: url.trim(), token: token.trim() });
      setStatus(next);
      setToken('');
      setMessage(next.lastError ? { text: next.lastError, error: true } : { text: t('syncOn') });
    } catch (err) {
      setMessage({ text: err instanceof Error ? err.message : String(err), error: true });
    } finally {
      setBusy(false);
    }
  };

  const syncNow = async () => {
    setMessage(undefined);
    setBusy(true);
    try {
      const next = await send('ui.syncNow', {});
      setStatus(next);
      setMessage(next.lastError ? { text: t('syncError', next.lastError), error: true } : { text: t('syncDone') });
    } finally {
      setBusy(false);
    }
  };

  const stop = async () => {
    if (!window.confirm(t('syncStopConfirm'))) return;
    setStatus(await send('ui.stopSync', {}));
    setMessage({ text: t('syncOff') });
  };

  return (
    <section aria-labelledby="sync-title" class="sync">
      <h2 id="sync-title">{t('syncTitle')}</h2>
      <p class="hint">{t('syncHint')}</p>
      {status?.configured ? (
        <div class="sync-state">
          <p>
            {t('syncServer')} <strong class="sync-url">{status.url}</strong>
          </p>
          <p class="sync-last">{status.lastSync ? t('syncLast', formatWhen(status.lastSync, locale)) : t('syncNever')}</p>
          <p class="sync-pending">{t('syncPending', String(status.pending))}</p>
          {status.lastError ? (
            <p class="sync-error error">
              {t('syncError', status.lastError)}
              {status.nextAttemptAt ? ` ${t('syncRetry', formatWhen(status.nextAttemptAt, locale))}` : ''}
            </p>
          ) : null}
          {status.rejected.length > 0 ? (
            <details class="sync-rejected">
              <summary>{t('syncRejected', String(status.rejected.length))}</summary>
              <ul>
                {status.rejected.map((r) => (
                  <li key={`${r.type}:${r.record}`}>
                    <code>
                      {r.type} {r.record}
                    </code>
                    : {r.reason}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          <div class="row">
            <button type="button" onClick={() => void syncNow()} disabled={busy}>
              {t('syncNow')}
            </button>
            <button type="button" onClick={() => void stop()} disabled={busy}>
              {t('syncStop')}
            </button>
          </div>
        </div>
      ) : null}
      <form class="sync-form" onSubmit={(e) => void connect(e)}>
        <label>
          <span>{t('syncUrlLabel')}</span>
          <input type="url" required placeholder="https://sync.example.org" value={url} onInput={(e) => setUrl((e.currentTarget as HTMLInputElement).value)} />
        </label>
        <label>
          <span>{t('syncTokenLabel')}</span>
          <input type="password" required autoComplete="off" value={token} onInput={(e) => setToken((e.currentTarget as HTMLInputElement).value)} />
        </label>
        <button type="submit" disabled={busy}>
          {status?.configured ? t('syncChange') : t('syncTurnOn')}
        </button>
      </form>
      <p class={message?.error ? 'status-failed' : 'status-done'} role="status" aria-live="polite">
        {message?.text}
      </p>
    </section>
  );
}
