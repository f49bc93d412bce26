// The options page: installed knowledge packs, importing and removing a pack, and the
// entities the user chose not to highlight.
import { useState } from 'preact/hooks';
import { useLiveQuery } from 'dexie-react-hooks';
import { pickText } from '../../knowledge/localize';
import { send } from '../../messaging/client';
import type { ImportReply } from '../../messaging/protocol';
import { getEntities, mutedEntities } from '../../storage/entities';
import { isPrivate, listPacks, ownId } from '../../storage/packs';
import { t, textLang } from '../../components/i18n';
import { ReadingHistory } from '../../components/ReadingHistory';
import { StorageStatus } from '../../components/StorageStatus';
import { SyncSettings } from '../../components/SyncSettings';

const locale = textLang();

type Status = { kind: 'idle' } | { kind: 'busy'; text: string } | { kind: 'done'; text: string } | { kind: 'failed'; text: string; issues?: { path: string; message: string }[] };

export function App() {
  const packs = useLiveQuery(() => listPacks(), []);
  const muted = useLiveQuery(async () => {
    const ids = [...(await mutedEntities())];
    const found = await getEntities(ids);
    return ids.map((id) => ({ id, name: found.has(id) ? pickText(found.get(id)!.names, locale) : { text: id, lang: 'en' } }));
  }, []);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  const onFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setStatus({ kind: 'busy', text: t('notesImportChecking', file.name) });
    try {
      const reply: ImportReply = await send('ui.importPack', { json: await file.text() });
      if (reply.ok) setStatus({ kind: 'done', text: reply.replaced ? t('optionsPackUpdated', [reply.id, reply.version]) : t('optionsPackImported', [reply.id, reply.version]) });
      else setStatus({ kind: 'failed', text: t('notesImportRefused', file.name), issues: reply.issues });
    } catch (e) {
      setStatus({ kind: 'failed', text: t('optionsImportFailed', [file.name, e instanceof Error ? e.message : String(e)]) });
    }
  };

  const remove = async (id: string) => {
    setStatus({ kind: 'busy', text: t('optionsRemoving', id) });
    try {
      await send('ui.removePack', { id });
      setStatus({ kind: 'done', text: t('optionsRemoved', id) });
    } catch (e) {
      setStatus({ kind: 'failed', text: e instanceof Error ? e.message : String(e) });
    }
  };

  return (
    <main class="options">
      <h1>Gloss</h1>
      <section aria-labelledby="packs-title">
        <h2 id="packs-title">{t('optionsPacksTitle')}</h2>
        <p class="hint">{t('optionsPacksHint')}</p>
        <table class="packs">
          <thead>
            <tr>
              <th>{t('optionsPack')}</th>
              <th>{t('optionsVersion')}</th>
              <th>{t('optionsEntities')}</th>
              <th>{t('optionsEvents')}</th>
              <th>
                <abbr title={t('packPrivateHint')}>{t('packPrivate')}</abbr>
              </th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(packs ?? []).map((p) => (
              <tr key={p.id} data-pack={ownId(p.id)}>
                <td>
                  <strong>{p.name}</strong>
                  <div class="hint">
                    {ownId(p.id)} · {p.origin === 'bundled' ? t('optionsBundled') : t('optionsImported')}
                  </div>
                </td>
                <td>{p.version}</td>
                <td>{p.entityCount}</td>
                <td>{p.eventCount}</td>
                <td>
                  {p.origin === 'imported' ? (
                    <input
                      type="checkbox"
                      class="pack-private"
                      checked={isPrivate(p)}
                      disabled={p.privateInFile === true}
                      title={p.privateInFile ? t('packPrivateByFile') : t('packPrivateHint')}
                      aria-label={t('packPrivateLabel', ownId(p.id))}
                      onChange={(e) => void send('ui.setPackPrivate', { id: ownId(p.id), private: (e.currentTarget as HTMLInputElement).checked })}
                    />
                  ) : null}
                </td>
                <td>
                  {p.origin === 'imported' ? (
                    <button type="button" onClick={() => void remove(ownId(p.id))}>
                      {t('optionsRemove')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <label class="import">
          {t('optionsImportLabel')}{' '}
          <input type="file" accept="application/json,.json" onChange={(e) => void onFile(e.currentTarget as HTMLInputElement)} />
        </label>
        <div class={`status status-${status.kind}`} role="status" aria-live="polite">
          {status.kind === 'idle' ? null : <p>{status.text}</p>}
          {status.kind === 'failed' && status.issues ? (
            <ul class="issues">
              {status.issues.slice(0, 20).map((i) => (
                <li key={`${i.path}:${i.message}`}>
                  <code>{i.path || t('notesFile')}</code>: {i.message}
                </li>
              ))}
              {status.issues.length > 20 ? <li>{t('notesMoreIssues', String(status.issues.length - 20))}</li> : null}
            </ul>
          ) : null}
        </div>
      </section>
      <section aria-labelledby="muted-title">
        <h2 id="muted-title">{t('optionsMutedTitle')}</h2>
        {muted && muted.length > 0 ? (
          <ul class="muted-list">
            {muted.map((m) => (
              <li key={m.id}>
                <span lang={m.name.lang}>{m.name.text}</span>{' '}
                <button type="button" onClick={() => void send('ui.setMuted', { entity: m.id, muted: false })}>
                  {t('optionsUnmute')}
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p class="hint">{t('optionsNoneMuted')}</p>
        )}
      </section>
      <SyncSettings locale={locale} />
      <ReadingHistory locale={locale} />
      <StorageStatus />
    </main>
  );
}
