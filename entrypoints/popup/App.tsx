// The toolbar popup: what the current page mentions, and the stored context and
// timeline of any entity, read from IndexedDB.
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useLiveQuery } from 'dexie-react-hooks';
import { browser } from 'wxt/browser';
import { ArticleNotes } from '../../components/ArticleNotes';
import { download, datedName } from '../../components/download';
import { EntityDetail } from '../../components/EntityDetail';
import { MentionList, type MentionRow } from '../../components/MentionList';
import { hostOf } from '../../components/format';
import { t, textLang } from '../../components/i18n';
import { entityCount, mentionCount } from '../../components/kinds';
import { pickText } from '../../knowledge/localize';
import { send } from '../../messaging/client';
import type { TabMentions } from '../../messaging/protocol';
import { EXPORT_FILES, toMarkdown } from '../../model/interchange';
import { getEntities, lookupEntities } from '../../storage/entities';
import { exportBundle } from '../../storage/notes-io';

const locale = textLang();

type PageState = { status: 'loading' } | { status: 'none' } | { status: 'ready'; page: TabMentions } | { status: 'error'; message: string };

export function App() {
  const [page, setPage] = useState<PageState>({ status: 'loading' });
  const [tabId, setTabId] = useState<number>();
  const [chosen, setChosen] = useState<string[]>([]);
  const [query, setQuery] = useState('');

  useEffect(() => {
    void (async () => {
      try {
        const tabId = await targetTab();
        if (tabId === undefined) return setPage({ status: 'none' });
        setTabId(tabId);
        const mentions = await send('ui.tabMentions', { tabId });
        setPage(mentions ? { status: 'ready', page: mentions } : { status: 'none' });
      } catch (e) {
        setPage({ status: 'error', message: e instanceof Error ? e.message : String(e) });
      }
    })();
  }, []);

  const ids = page.status === 'ready' ? page.page.mentions.map((m) => m.entity) : [];
  const entities = useLiveQuery(() => getEntities(ids), [ids.join(',')]);
  const rows: MentionRow[] = useMemo(() => {
    if (page.status !== 'ready' || !entities) return [];
    return page.page.mentions.flatMap((m) => {
      const e = entities.get(m.entity);
      if (!e) return [];
      const name = pickText(e.names, locale);
      return [{ entity: m.entity, kind: e.kind, name: name.text, lang: name.lang, count: m.count, text: m.text }];
    });
  }, [page, entities]);

  const current = chosen[chosen.length - 1];
  const choose = (id: string) => setChosen((stack) => [...stack, id]);
  const back = () => setChosen((stack) => stack.slice(0, -1));
  const mute = (entity: string, muted: boolean) => void send('ui.setMuted', { entity, muted });
  const note = (entity: string, text: string) => void send('ui.setEntityNote', { entity, note: text });

  return (
    <main class="popup">
      <header class="bar">
        {current ? (
          <button type="button" class="back" onClick={back} aria-label={t('popupBack')}>
            ←
          </button>
        ) : null}
        <span class="brand">Gloss</span>
        <span class="page-host">{page.status === 'ready' ? hostOf(page.page.url) : ''}</span>
      </header>
      {current ? (
        <EntityDetail id={current} locale={locale} onChoose={choose} onMute={mute} onNote={note} />
      ) : (
        <>
          <PageSummary page={page} rows={rows} onChoose={choose}>
            {page.status === 'ready' && page.page.article && tabId !== undefined ? (
              <ArticleNotes
                tabId={tabId}
                article={page.page.article}
                orphaned={page.page.orphaned ?? []}
                locale={locale}
                onExport={() => void exportArticle(page.page.article!.id)}
              />
            ) : null}
          </PageSummary>
          <Lookup query={query} setQuery={setQuery} onChoose={choose} />
        </>
      )}
      <footer class="foot">
        <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('popupSettings')}
        </button>
      </footer>
    </main>
  );
}

function PageSummary({ page, rows, onChoose, children }: { page: PageState; rows: MentionRow[]; onChoose(id: string): void; children?: ComponentChildren }) {
  if (page.status === 'loading') return <p class="muted">{t('popupReading')}</p>;
  if (page.status === 'error') return <p class="error">{t('popupReadError', page.message)}</p>;
  if (page.status === 'none') return <p class="muted">{t('popupNotRead')}</p>;
  const total = rows.reduce((n, r) => n + r.count, 0);
  return (
    <section aria-label={t('popupOnThisPage')}>
      <h1 class="page-title" title={page.page.title} lang={page.page.article?.lang ?? undefined}>
        {page.page.title || page.page.url}
      </h1>
      {children}
      {rows.length === 0 ? (
        <p class="muted">{t('popupNothingKnown')}</p>
      ) : (
        <>
          <p class="muted">{t('popupMentionSummary', [mentionCount(total), entityCount(rows.length)])}</p>
          <MentionList rows={rows} onChoose={onChoose} />
        </>
      )}
    </section>
  );
}

/** Saves this article's notes as Markdown. */
async function exportArticle(articleId: string): Promise<void> {
  const bundle = await exportBundle(articleId);
  const names = await getEntities([...new Set(bundle.notes.flatMap((n) => n.entities))]);
  const entityNames = Object.fromEntries([...names].map(([id, e]) => [id, pickText(e.names, locale).text]));
  const file = EXPORT_FILES.markdown;
  download(datedName(`gloss-notes-${bundle.articles[0]?.site ?? 'article'}`, file.extension), file.mediaType, toMarkdown(bundle, { articleId, entityNames }));
}

function Lookup({ query, setQuery, onChoose }: { query: string; setQuery(q: string): void; onChoose(id: string): void }) {
  const hits = useLiveQuery(() => lookupEntities(query), [query]) ?? [];
  return (
    <section class="lookup" aria-label={t('popupLookup')}>
      <input type="search" placeholder={t('popupLookupPlaceholder')} aria-label={t('popupLookup')} value={query} onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)} />
      {hits.length > 0 ? (
        <ul>
          {hits.map((e) => {
            const name = pickText(e.names, locale);
            return (
              <li key={e.id}>
                <button type="button" class="link" lang={name.lang} onClick={() => onChoose(e.id)}>
                  {name.text}
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}

/** The tab the popup describes: ?tab=ID when given (a detached popup), else the active tab. */
async function targetTab(): Promise<number | undefined> {
  const param = new URLSearchParams(location.search).get('tab');
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}
