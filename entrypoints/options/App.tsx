// The options page: installed knowledge packs, importing and removing a pack, and the
// entities the user chose not to highlight.
import { useState } from 'preact/hooks';
import { useLiveQuery } from 'dexie-react-hooks';
import { pickText } from '../../knowledge/localize';
import { send } from '../../messaging/client';
import type { ImportReply } from '../../messaging/protocol';
import { getEntities, mutedEntities } from '../../storage/entities';
import { listPacks } from '../../storage/packs';
import { ReadingHistory } from '../../components/ReadingHistory';
import { StorageStatus } from '../../components/StorageStatus';
import { SyncSettings } from '../../components/SyncSettings';

const locale = navigator.language;

type Status = { kind: 'idle' } | { kind: 'busy'; text: string } | { kind: 'done'; text: string } | { kind: 'failed'; text: string; issues?: { path: string; message: string }[] };

export function App() {
  const packs = useLiveQuery(() => listPacks(), []);
  const muted = useLiveQuery(async () => {
    const ids = [...(await mutedEntities())];
    const found = await getEntities(ids);
    return ids.map((id) => ({ id, name: found.has(id) ? pickText(found.get(id)!.names, locale).text : id }));
  }, []);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  const onFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setStatus({ kind: 'busy', text: `Checking ${file.name}…` });
    try {
      const reply: ImportReply = await send('ui.importPack', { json: await file.text() });
      if (reply.ok) setStatus({ kind: 'done', text: `${reply.replaced ? 'Updated' : 'Imported'} pack “${reply.id}” version ${reply.version}.` });
      else setStatus({ kind: 'failed', text: `${file.name} was not imported; nothing changed.`, issues: reply.issues });
    } catch (e) {
      setStatus({ kind: 'failed', text: `${file.name} was not imported: ${e instanceof Error ? e.message : String(e)}` });
    }
  };

  const remove = async (id: string) => {
    setStatus({ kind: 'busy', text: `Removing ${id}…` });
    try {
      await send('ui.removePack', { id });
      setStatus({ kind: 'done', text: `Removed pack “${id}”.` });
    } catch (e) {
      setStatus({ kind: 'failed', text: e instanceof Error ? e.message : String(e) });
    }
  };

  return (
    <main class="options">
      <h1>Gloss</h1>
      <section aria-labelledby="packs-title">
        <h2 id="packs-title">Knowledge packs</h2>
        <p class="hint">
          Everything Gloss highlights and explains comes from these packs. A newsroom can add its own list as a JSON file in the
          pack format described in Gloss's docs/knowledge-pack.md. A pack with any problem is refused whole, with the reason.
        </p>
        <table class="packs">
          <thead>
            <tr>
              <th>Pack</th>
              <th>Version</th>
              <th>Entities</th>
              <th>Events</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(packs ?? []).map((p) => (
              <tr key={p.id} data-pack={p.id}>
                <td>
                  <strong>{p.name}</strong>
                  <div class="hint">
                    {p.id} · {p.origin === 'bundled' ? 'comes with Gloss' : 'imported'}
                  </div>
                </td>
                <td>{p.version}</td>
                <td>{p.entityCount}</td>
                <td>{p.eventCount}</td>
                <td>
                  {p.origin === 'imported' ? (
                    <button type="button" onClick={() => void remove(p.id)}>
                      Remove
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <label class="import">
          Import a pack (JSON):{' '}
          <input type="file" accept="application/json,.json" onChange={(e) => void onFile(e.currentTarget as HTMLInputElement)} />
        </label>
        <div class={`status status-${status.kind}`} role="status" aria-live="polite">
          {status.kind === 'idle' ? null : <p>{status.text}</p>}
          {status.kind === 'failed' && status.issues ? (
            <ul class="issues">
              {status.issues.slice(0, 20).map((i) => (
                <li key={`${i.path}:${i.message}`}>
                  <code>{i.path || '(file)'}</code>: {i.message}
                </li>
              ))}
              {status.issues.length > 20 ? <li>…and {status.issues.length - 20} more</li> : null}
            </ul>
          ) : null}
        </div>
      </section>
      <section aria-labelledby="muted-title">
        <h2 id="muted-title">Not highlighted</h2>
        {muted && muted.length > 0 ? (
          <ul class="muted-list">
            {muted.map((m) => (
              <li key={m.id}>
                {m.name}{' '}
                <button type="button" onClick={() => void send('ui.setMuted', { entity: m.id, muted: false })}>
                  Highlight again
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p class="hint">Everything Gloss knows is highlighted. Turn an entity off from its page in the popup.</p>
        )}
      </section>
      <SyncSettings locale={locale} />
      <ReadingHistory locale={locale} />
      <StorageStatus />
    </main>
  );
}
