// The notes view: every note on every article, searchable and filterable by entity,
// tag, site and date, sorted and paged; export in Markdown, W3C Web Annotation JSON-LD,
// CSV and Gloss JSON; import Gloss JSON and JSON-LD; delete everything. Lists read
// IndexedDB directly (storage/notes.ts reads only what a page shows); every change
// goes through the background.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'preact/hooks';
import { download, datedName } from '../../components/download';
import { t, textLang } from '../../components/i18n';
import { NoteItem } from '../../components/NoteItem';
import { pickText } from '../../knowledge/localize';
import { send } from '../../messaging/client';
import type { NotesImportReply } from '../../messaging/protocol';
import { EXPORT_FILES, toCsv, toGlossJson, toJsonLd, toMarkdown } from '../../model/interchange';
import { articleSites, getArticles } from '../../storage/articles';
import { getEntities } from '../../storage/entities';
import { findNotes, noteFacets, revisionsFor, type NoteSort } from '../../storage/notes';
import { exportBundle } from '../../storage/notes-io';

const locale = textLang();
const PAGE = 50;

type Status = { kind: 'idle' } | { kind: 'busy' | 'done' | 'failed'; text: string; issues?: { path: string; message: string }[] };

function dayStart(date: string): number | undefined {
  return date ? Date.parse(`${date}T00:00:00`) : undefined;
}
function dayEnd(date: string): number | undefined {
  return date ? Date.parse(`${date}T23:59:59.999`) : undefined;
}

export function App() {
  const [text, setText] = useState('');
  const [entity, setEntity] = useState('');
  const [tag, setTag] = useState('');
  const [site, setSite] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [sort, setSort] = useState<NoteSort>('newest');
  const [shown, setShown] = useState(PAGE);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  useEffect(() => setShown(PAGE), [text, entity, tag, site, from, to, sort]);

  // The filters' choices read whole indexes of tags, entities and sites: they load once
  // the first page of notes is on screen, not before it.
  const [wantFacets, setWantFacets] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setWantFacets(true), 0);
    return () => clearTimeout(timer);
  }, []);
  const facets = useLiveQuery(async () => {
    if (!wantFacets) return undefined;
    const [f, sites] = await Promise.all([noteFacets(), articleSites()]);
    const names = await getEntities(f.entities);
    return {
      tags: f.tags,
      sites,
      entities: f.entities.map((id) => ({ id, name: names.has(id) ? pickText(names.get(id)!.names, locale) : { text: id, lang: 'en' } })),
    };
  }, [wantFacets]);

  const page = useLiveQuery(async () => {
    const result = await findNotes({
      text: text.trim() || undefined,
      entity: entity || undefined,
      tag: tag || undefined,
      site: site || undefined,
      from: dayStart(from),
      to: dayEnd(to),
      sort,
      limit: shown,
    });
    const [articles, names, revisions] = await Promise.all([
      getArticles(result.notes.map((n) => n.articleId)),
      getEntities([...new Set(result.notes.flatMap((n) => n.entities))]),
      revisionsFor(result.notes.map((n) => n.id)),
    ]);
    const picked = [...names].map(([id, e]) => [id, pickText(e.names, locale)] as const);
    const entityNames = Object.fromEntries(picked.map(([id, p]) => [id, p.text]));
    const entityLangs = Object.fromEntries(picked.map(([id, p]) => [id, p.lang]));
    return { ...result, articles, entityNames, entityLangs, revisions };
  }, [text, entity, tag, site, from, to, sort, shown]);

  const exportAs = async (format: keyof typeof EXPORT_FILES) => {
    const bundle = await exportBundle();
    if (bundle.notes.length === 0) {
      setStatus({ kind: 'failed', text: t('notesNothingToExport') });
      return;
    }
    const names = await getEntities([...new Set(bundle.notes.flatMap((n) => n.entities))]);
    const entityNames = Object.fromEntries([...names].map(([id, e]) => [id, pickText(e.names, locale).text]));
    const body =
      format === 'markdown'
        ? toMarkdown(bundle, { entityNames })
        : format === 'jsonld'
          ? toJsonLd(bundle)
          : format === 'csv'
            ? toCsv(bundle, { entityNames })
            : toGlossJson(bundle);
    const file = EXPORT_FILES[format];
    download(datedName('gloss-notes', file.extension), file.mediaType, body);
    setStatus({ kind: 'done', text: t('notesExported', String(bundle.notes.length)) });
  };

  const importFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setStatus({ kind: 'busy', text: t('notesImportChecking', file.name) });
    try {
      const reply: NotesImportReply = await send('ui.importNotes', { json: await file.text() });
      if (reply.ok) {
        setStatus({ kind: 'done', text: t('notesImported', [String(reply.added), String(reply.restored), String(reply.duplicates)]) });
      } else {
        setStatus({ kind: 'failed', text: t('notesImportRefused', file.name), issues: reply.issues });
      }
    } catch (e) {
      setStatus({ kind: 'failed', text: `${t('notesImportRefused', file.name)} ${e instanceof Error ? e.message : String(e)}` });
    }
  };

  const deleteAll = async () => {
    if (!window.confirm(t('notesDeleteAllConfirm'))) return;
    const { deleted } = await send('ui.deleteAllNotes', {});
    setStatus({ kind: 'done', text: t('notesDeletedAll', String(deleted)) });
  };

  const filtered = Boolean(text || entity || tag || site || from || to);
  return (
    <main class="notes-view">
      <header class="notes-head">
        <h1>{t('notesViewTitle')}</h1>
        <p class="muted" aria-live="polite">
          {page ? (filtered ? t('notesCountFiltered', String(page.total)) : t('notesCount', String(page.total))) : ''}
        </p>
      </header>

      <section class="notes-filters" aria-label={t('notesFilters')}>
        <label class="grow">
          <span class="field-label">{t('notesSearch')}</span>
          <input type="search" value={text} onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)} />
        </label>
        <label>
          <span class="field-label">{t('notesEntity')}</span>
          <select value={entity} onChange={(e) => setEntity((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t('notesAny')}</option>
            {facets?.entities.map((e) => (
              <option key={e.id} value={e.id} lang={e.name.lang}>
                {e.name.text}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span class="field-label">{t('notesTag')}</span>
          <select value={tag} onChange={(e) => setTag((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t('notesAny')}</option>
            {facets?.tags.map((x) => (
              <option key={x} value={x}>
                #{x}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span class="field-label">{t('notesSite')}</span>
          <select value={site} onChange={(e) => setSite((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t('notesAny')}</option>
            {facets?.sites.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span class="field-label">{t('notesFrom')}</span>
          <input type="date" value={from} onInput={(e) => setFrom((e.currentTarget as HTMLInputElement).value)} />
        </label>
        <label>
          <span class="field-label">{t('notesTo')}</span>
          <input type="date" value={to} onInput={(e) => setTo((e.currentTarget as HTMLInputElement).value)} />
        </label>
        <label>
          <span class="field-label">{t('notesSort')}</span>
          <select value={sort} onChange={(e) => setSort((e.currentTarget as HTMLSelectElement).value as NoteSort)}>
            <option value="newest">{t('notesSortNewest')}</option>
            <option value="oldest">{t('notesSortOldest')}</option>
            <option value="updated">{t('notesSortUpdated')}</option>
          </select>
        </label>
      </section>

      <section class="notes-list" aria-label={t('notesResults')}>
        {page === undefined ? <p class="muted">{t('loading')}</p> : null}
        {page && page.notes.length === 0 ? <p class="muted">{filtered ? t('notesNoMatch') : t('notesNone')}</p> : null}
        {page?.notes.map((note) => {
          const article = page.articles.get(note.articleId);
          return (
            <NoteItem
              key={note.id}
              note={note}
              locale={locale}
              article={article ? { title: article.title, url: article.url, site: article.site, lang: article.lang } : undefined}
              entityNames={page.entityNames}
              entityLangs={page.entityLangs}
              revisions={page.revisions.get(note.id)}
              onSave={async (body, tags) => {
                await send('ui.saveNote', { id: note.id, body, tags, entities: note.entities });
              }}
              onDelete={() => void send('ui.deleteNote', { id: note.id })}
              onRestore={(id) => void send('ui.restoreRevision', { id })}
              onDismiss={(id) => void send('ui.dismissRevision', { id })}
            />
          );
        })}
        {page && page.notes.length < page.total ? (
          <button type="button" class="more" onClick={() => setShown((n) => n + PAGE)}>
            {t('notesShowMore', String(page.total - page.notes.length))}
          </button>
        ) : null}
      </section>

      <section class="notes-io" aria-labelledby="notes-io-title">
        <h2 id="notes-io-title">{t('notesExportImport')}</h2>
        <div class="note-actions">
          <button type="button" onClick={() => void exportAs('markdown')}>
            {t('exportMarkdown')}
          </button>
          <button type="button" onClick={() => void exportAs('jsonld')}>
            {t('exportJsonLd')}
          </button>
          <button type="button" onClick={() => void exportAs('csv')}>
            {t('exportCsv')}
          </button>
          <button type="button" onClick={() => void exportAs('gloss')}>
            {t('exportGloss')}
          </button>
        </div>
        <label class="import">
          {t('notesImportLabel')}{' '}
          <input type="file" accept=".json,.jsonld,application/json,application/ld+json" onChange={(e) => void importFile(e.currentTarget as HTMLInputElement)} />
        </label>
        <div class={`status status-${status.kind}`} role="status" aria-live="polite">
          {status.kind === 'idle' ? null : <p>{status.text}</p>}
          {status.kind === 'failed' && status.issues ? (
            <ul class="issues">
              {status.issues.slice(0, 30).map((i) => (
                <li key={`${i.path}:${i.message}`}>
                  <code>{i.path || t('notesFile')}</code>: {i.message}
                </li>
              ))}
              {status.issues.length > 30 ? <li>{t('notesMoreIssues', String(status.issues.length - 30))}</li> : null}
            </ul>
          ) : null}
        </div>
        <p>
          <button type="button" class="danger" onClick={() => void deleteAll()}>
            {t('notesDeleteAll')}
          </button>
        </p>
      </section>
    </main>
  );
}
