// The options page: installed knowledge packs, importing and removing a pack (removal
// asks first), the entities the user chose not to highlight, and the keyboard shortcuts.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLiveQuery } from 'dexie-react-hooks';
import { pickText } from '../../knowledge/localize';
import { send } from '../../messaging/client';
import type { ImportReply } from '../../messaging/protocol';
import { getEntities, mutedEntities } from '../../storage/entities';
import { isPrivate, listPacks, ownId } from '../../storage/packs';
import { t, textLang } from '../../components/i18n';
import { KeyboardShortcuts } from '../../components/KeyboardShortcuts';
import { explainIssue } from '../../components/pack-issues';
import { ReadingHistory } from '../../components/ReadingHistory';
import { StorageStatus } from '../../components/StorageStatus';
import { SyncSettings } from '../../components/SyncSettings';

const locale = textLang();

type Status =
  | { kind: 'idle' }
  | { kind: 'busy'; text: string }
  | { kind: 'done'; text: string }
  | { kind: 'failed'; text: string; issues?: { path: string; message: string }[]; pack?: unknown };

/** The parsed file, to name entities and aliases in error messages; undefined if it is not JSON. */
function parsed(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

export function App() {
  const packs = useLiveQuery(() => listPacks(), []);
  const muted = useLiveQuery(async () => {
    const ids = [...(await mutedEntities())];
    const found = await getEntities(ids);
    return ids.map((id) => ({ id, name: found.has(id) ? pickText(found.get(id)!.names, locale) : { text: id, lang: 'en' } }));
  }, []);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  /** The pack whose removal waits for the reader's answer. */
  const [removing, setRemoving] = useState<string>();

  const onFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setStatus({ kind: 'busy', text: t('importChecking', file.name) });
    try {
      const json = await file.text();
      const reply: ImportReply = await send('ui.importPack', { json });
      if (reply.ok) setStatus({ kind: 'done', text: t(reply.replaced ? 'importUpdated' : 'importDone', [reply.id, reply.version]) });
      else setStatus({ kind: 'failed', text: t('importRefused', file.name), issues: reply.issues, pack: parsed(json) });
    } catch (e) {
      setStatus({ kind: 'failed', text: t('importFailed', [file.name, e instanceof Error ? e.message : String(e)]) });
    }
  };

  const remove = async (id: string) => {
    setRemoving(undefined);
    setStatus({ kind: 'busy', text: t('packRemoving', id) });
    try {
      await send('ui.removePack', { id });
      setStatus({ kind: 'done', text: t('packRemoved', id) });
    } catch (e) {
      setStatus({ kind: 'failed', text: e instanceof Error ? e.message : String(e) });
    }
  };

  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      <p class="hint">
        <a href="/welcome.html">{t('optionsWelcomeLink')}</a>
      </p>
      <section aria-labelledby="packs-title">
        <h2 id="packs-title">{t('packsTitle')}</h2>
        <p class="hint">
          {t('packsHint')} <a href="/format.html">{t('packsFormatLink')}</a>
        </p>
        <table class="packs">
          <thead>
            <tr>
              <th>{t('packsColPack')}</th>
              <th>{t('packsColVersion')}</th>
              <th>{t('packsColEntities')}</th>
              <th>{t('packsColEvents')}</th>
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
                    {ownId(p.id)} · {t(p.origin === 'bundled' ? 'packBundled' : 'packImported')}
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
                  {p.origin !== 'imported' ? null : removing === ownId(p.id) ? (
                    <ConfirmRemove name={p.name} onRemove={() => void remove(ownId(p.id))} onKeep={() => setRemoving(undefined)} />
                  ) : (
                    <button type="button" class="remove" aria-label={t('packRemoveLabel', p.name)} onClick={() => setRemoving(ownId(p.id))}>
                      {t('packRemove')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <label class="import">
          {t('packImport')}{' '}
          <input type="file" accept="application/json,.json" onChange={(e) => void onFile(e.currentTarget as HTMLInputElement)} />
        </label>
        <div class={`status status-${status.kind}`} role="status" aria-live="polite">
          {status.kind === 'idle' ? null : <p>{status.text}</p>}
          {status.kind === 'failed' && status.issues ? (
            <>
              <ul class="issues">
                {status.issues.slice(0, 20).map((i) => {
                  const e = explainIssue(i, status.pack);
                  return (
                    <li key={`${i.path}:${i.message}`}>
                      <strong>{e.where}:</strong> {e.problem}{' '}
                      <span class="issue-path">
                        (<code>{i.path || t('notesFile')}</code>, <a href={`/format.html#${e.anchor}`}>{t('issueHowTo')}</a>)
                      </span>
                    </li>
                  );
                })}
                {status.issues.length > 20 ? <li>{t('issuesMore', String(status.issues.length - 20))}</li> : null}
              </ul>
              <p>
                <a href="/format.html">{t('issueFormatPage')}</a>
              </p>
            </>
          ) : null}
        </div>
      </section>
      <section aria-labelledby="muted-title">
        <h2 id="muted-title">{t('mutedTitle')}</h2>
        {muted && muted.length > 0 ? (
          <ul class="muted-list">
            {muted.map((m) => (
              <li key={m.id}>
                <span lang={m.name.lang}>{m.name.text}</span>{' '}
                <button type="button" aria-label={t('mentionUnmuteLabel', m.name.text)} onClick={() => void send('ui.setMuted', { entity: m.id, muted: false })}>
                  {t('mentionUnmute')}
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p class="hint">{t('mutedNone')}</p>
        )}
      </section>
      <section aria-labelledby="shortcuts-title">
        <h2 id="shortcuts-title">{t('shortcutsTitle')}</h2>
        <KeyboardShortcuts howToChange />
      </section>
      <SyncSettings locale={locale} />
      <ReadingHistory locale={locale} />
      <StorageStatus />
    </main>
  );
}

interface ConfirmRemoveProps {
  name: string;
  onRemove(): void;
  onKeep(): void;
}

/** Asks before a pack goes: the question takes the focus, "Keep" (or Esc) leaves everything as it was. */
function ConfirmRemove({ name, onRemove, onKeep }: ConfirmRemoveProps) {
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);
  return (
    <div class="confirm" role="group" aria-label={t('packRemoveAsk', name)} onKeyDown={(e) => e.key === 'Escape' && onKeep()}>
      <p>{t('packRemoveAsk', name)}</p>
      <button type="button" class="danger" onClick={onRemove}>
        {t('packRemoveConfirm')}
      </button>{' '}
      <button type="button" ref={keep} onClick={onKeep}>
        {t('packRemoveKeep')}
      </button>
    </div>
  );
}
