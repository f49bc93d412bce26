// Shows what Gloss keeps of the user's reading ("seen on": which articles mentioned
// which entities), per site, with ways to clear it, limit how long it is kept, or stop it.
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'preact/hooks';
import { send } from '../messaging/client';
import { sightingSettings, sightingSites } from '../storage/sightings';
import { t } from './i18n';
import { formatWhen } from './NoteItem';

const RETENTION_CHOICES = [7, 30, 90, 365];

export function ReadingHistory({ locale }: { locale: string }) {
  const settings = useLiveQuery(() => sightingSettings(), []);
  const sites = useLiveQuery(() => sightingSites(), []);
  const [message, setMessage] = useState<string>();

  const clear = async (site?: string) => {
    if (!window.confirm(site ? t('historyClearSiteConfirm', site) : t('historyClearAllConfirm'))) return;
    const { cleared } = await send('ui.clearSightings', site ? { site } : {});
    setMessage(t('historyCleared', String(cleared)));
  };

  if (!settings) return null;
  return (
    <section aria-labelledby="history-title" class="history">
      <h2 id="history-title">{t('historyTitle')}</h2>
      <p class="hint">{t('historyHint')}</p>
      <label class="row">
        <input
          type="checkbox"
          checked={settings.enabled}
          onChange={(e) => void send('ui.setSightingSettings', { enabled: (e.currentTarget as HTMLInputElement).checked })}
        />{' '}
        {t('historyKeep')}
      </label>
      <label class="row">
        <input
          type="checkbox"
          checked={settings.sync}
          disabled={!settings.enabled}
          onChange={(e) => void send('ui.setSightingSettings', { sync: (e.currentTarget as HTMLInputElement).checked })}
        />{' '}
        {t('historySync')}
      </label>
      <label class="row">
        {t('historyRetention')}{' '}
        <select
          value={String(settings.retentionDays)}
          disabled={!settings.enabled}
          onChange={(e) => void send('ui.setSightingSettings', { retentionDays: Number((e.currentTarget as HTMLSelectElement).value) })}
        >
          {[...new Set([...RETENTION_CHOICES, settings.retentionDays])].sort((a, b) => a - b).map((d) => (
            <option key={d} value={String(d)}>
              {t('historyDays', String(d))}
            </option>
          ))}
        </select>
      </label>
      {sites && sites.length > 0 ? (
        <table class="packs history-sites">
          <thead>
            <tr>
              <th>{t('historySite')}</th>
              <th>{t('historyRows')}</th>
              <th>{t('historyLast')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {sites.map((s) => (
              <tr key={s.site} data-site={s.site}>
                <td>{s.site}</td>
                <td>{s.rows}</td>
                <td>{formatWhen(s.lastSeen, locale)}</td>
                <td>
                  <button type="button" onClick={() => void clear(s.site)} aria-label={t('historyClearSiteLabel', s.site)}>
                    {t('historyClear')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="hint">{t('historyEmpty')}</p>
      )}
      {sites && sites.length > 0 ? (
        <button type="button" onClick={() => void clear()}>
          {t('historyClearAll')}
        </button>
      ) : null}
      <p role="status" aria-live="polite" class="status-done">
        {message}
      </p>
    </section>
  );
}
