// The toolbar popup: how much Gloss highlights (at the top), what the current page
// mentions, and the stored context and timeline of any entity, read from IndexedDB.
// A page Gloss did not read says why, and offers the one step that starts it.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useLiveQuery } from 'dexie-react-hooks';
import { browser } from 'wxt/browser';
import { ArticleNotes } from '../../components/ArticleNotes';
import { download, datedName } from '../../components/download';
import { EntityDetail } from '../../components/EntityDetail';
import { MentionList, type MentionRow } from '../../components/MentionList';
import { PageControls, type SettingsChange } from '../../components/PageControls';
import { hostOf } from '../../components/format';
import { t, textLang } from '../../components/i18n';
import { entityCount, mentionCount } from '../../components/kinds';
import { pickText } from '../../knowledge/localize';
import { send } from '../../messaging/client';
import type { SiteSettingsReply, TabMentions, TabStatusReply } from '../../messaging/protocol';
import { EXPORT_FILES, toMarkdown } from '../../model/interchange';
import { getEntities, lookupEntities, mutedEntities } from '../../storage/entities';
import { exportBundle } from '../../storage/notes-io';

const locale = textLang();

type PageState =
  | { status: 'loading' }
  | { status: 'no-tab' }
  | { status: 'unread'; why: TabStatusReply }
  | { status: 'ready'; page: TabMentions }
  | { status: 'error'; message: string };

/** After "reload", how long the popup waits for the page's report. */
const RELOAD_WAIT_MS = 15_000;

export function App() {
  const [page, setPage] = useState<PageState>({ status: 'loading' });
  const [tabId, setTabId] = useState<number>();
  const [settings, setSettings] = useState<SiteSettingsReply>();
  const [chosen, setChosen] = useState<string[]>([]);
  const [query, setQuery] = useState('');

  const readTab = useCallback(async (tabId: number): Promise<boolean> => {
    const [mentions, settings] = await Promise.all([send('ui.tabMentions', { tabId }), send('ui.siteSettings', { tabId })]);
    setSettings(settings);
    if (mentions) {
      setPage({ status: 'ready', page: mentions });
      return true;
    }
    setPage({ status: 'unread', why: await send('ui.tabStatus', { tabId }) });
    return false;
  }, []);

  useEffect(() => {
    void (async () => {
      try {
        const tabId = await targetTab();
        if (tabId === undefined) {
          setSettings(await send('ui.siteSettings', {}));
          return setPage({ status: 'no-tab' });
        }
        setTabId(tabId);
        // The content script started (it knows the site) but has not reported yet: it is still reading.
        const deadline = Date.now() + RELOAD_WAIT_MS;
        while (!(await readTab(tabId)) && Date.now() < deadline) {
          const why = await send('ui.tabStatus', { tabId });
          if (why.site === null) break;
          await new Promise((r) => setTimeout(r, 400));
        }
      } catch (e) {
        setPage({ status: 'error', message: e instanceof Error ? e.message : String(e) });
      }
    })();
  }, [readTab]);

  const ids = page.status === 'ready' ? page.page.mentions.map((m) => m.entity) : [];
  const entities = useLiveQuery(() => getEntities(ids), [ids.join(',')]);
  const muted = useLiveQuery(() => mutedEntities(), []);
  // Rows once listed stay listed while the popup is open, so a muted one can be brought back.
  const rows: MentionRow[] = useMemo(() => {
    if (page.status !== 'ready' || !entities) return [];
    return page.page.mentions.flatMap((m) => {
      const e = entities.get(m.entity);
      if (!e) return [];
      const name = pickText(e.names, locale);
      return [{ entity: m.entity, kind: e.kind, name: name.text, lang: name.lang, count: m.count, text: m.text, muted: muted?.has(m.entity) ?? false }];
    });
  }, [page, entities, muted]);

  const current = chosen[chosen.length - 1];
  const choose = (id: string) => setChosen((stack) => [...stack, id]);
  const back = () => setChosen((stack) => stack.slice(0, -1));
  const mute = (entity: string, muted: boolean) => void send('ui.setMuted', { entity, muted });
  const note = (entity: string, text: string) => send('ui.setEntityNote', { entity, note: text });
  // A choice shows at once (a control that waited for the round trip could be re-rendered
  // back to its old state in between, and a second quick click then undid nothing); the
  // background's answer then replaces it, unless a later choice is already on its way.
  const changes = useRef(0);
  const change = async ({ site, ...rest }: SettingsChange) => {
    const n = ++changes.current;
    setSettings((s) => (s ? withChange(s, site, rest) : s));
    await send('ui.setSiteSetting', { site, ...rest });
    const fresh = await send('ui.siteSettings', tabId === undefined ? {} : { tabId });
    if (n === changes.current) setSettings(fresh);
  };
  const reload = async () => {
    if (tabId === undefined) return;
    setPage({ status: 'loading' });
    await browser.tabs.reload(tabId);
    const deadline = Date.now() + RELOAD_WAIT_MS;
    while (!(await readTab(tabId)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 400));
  };

  return (
    <main class="popup">
      <header class="bar">
        {current ? (
          <button type="button" class="back" onClick={back} aria-label={t('popupBack')}>
            ←
          </button>
        ) : null}
        <span class="brand">Gloss</span>
        <span class="page-host">{page.status === 'ready' ? hostOf(page.page.url) : (settings?.site ?? '')}</span>
      </header>
      {current ? (
        <EntityDetail id={current} locale={locale} onChoose={choose} onMute={mute} onNote={note} />
      ) : (
        <>
          {settings ? <PageControls settings={settings} onChange={(c) => void change(c)} /> : null}
          <PageSummary page={page} settings={settings} rows={rows} onChoose={choose} onMute={mute} onReload={() => void reload()} onChange={(c) => void change(c)}>
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

interface PageSummaryProps {
  page: PageState;
  settings: SiteSettingsReply | undefined;
  rows: MentionRow[];
  onChoose(id: string): void;
  onMute(id: string, muted: boolean): void;
  onReload(): void;
  onChange(change: SettingsChange): void;
  children?: ComponentChildren;
}

function PageSummary({ page, settings, rows, onChoose, onMute, onReload, onChange, children }: PageSummaryProps) {
  if (page.status === 'loading') return <p class="muted">{t('popupLoading')}</p>;
  if (page.status === 'error') return <p class="error">{t('popupError', page.message)}</p>;
  if (page.status === 'no-tab') return <p class="page-state">{t('popupNoTab')}</p>;
  const paused = settings?.everywhere.off === true;
  const siteOff = settings?.effective?.siteOff === true ? settings.site : null;
  // Why nothing is highlighted, when the reader chose it: said first, with the way back.
  const stopped =
    siteOff !== null ? (
      <div class="page-state" data-state="site-off">
        <p>{t('popupSiteOff', siteOff)}</p>
        <button type="button" class="action" onClick={() => onChange({ site: siteOff, off: false })}>
          {t('popupSiteTurnOn', siteOff)}
        </button>
      </div>
    ) : paused ? (
      <div class="page-state" data-state="paused">
        <p>{t('popupPaused')}</p>
        <button type="button" class="action" onClick={() => onChange({ site: '*', off: false })}>
          {t('popupResume')}
        </button>
      </div>
    ) : null;
  if (page.status === 'unread') {
    if (stopped) return stopped;
    if (page.why.site !== null) return <p class="muted">{t('popupLoading')}</p>;
    if (page.why.openBeforeInstall)
      return (
        <div class="page-state" data-state="before-install">
          <p>{t('popupBeforeInstall')}</p>
          <button type="button" class="action" onClick={onReload}>
            {t('popupReload')}
          </button>
        </div>
      );
    return (
      <p class="page-state" data-state="cannot-read">
        {t('popupCannotRead')}
      </p>
    );
  }
  const total = rows.reduce((n, r) => n + r.count, 0);
  return (
    <section aria-label={t('popupOnThisPage')}>
      {stopped}
      <h1 class="page-title" title={page.page.title} lang={page.page.article?.lang ?? undefined} dir="auto">
        {page.page.title || page.page.url}
      </h1>
      {children}
      {rows.length === 0 ? (
        <p class="muted">{t('popupNothingKnown')}</p>
      ) : (
        <>
          <p class="muted">{t('popupMentionSummary', [mentionCount(total), entityCount(rows.length)])}</p>
          <MentionList rows={rows} onChoose={onChoose} onMute={onMute} />
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

/** The settings as they will be once the background has stored a change. */
function withChange(s: SiteSettingsReply, site: string, change: Omit<SettingsChange, 'site'>): SiteSettingsReply {
  const set = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) as Omit<SettingsChange, 'site'>;
  if (site === '*') {
    const effective = s.effective && set.off !== undefined ? { ...s.effective, paused: set.off } : s.effective;
    return { ...s, everywhere: { ...s.everywhere, ...set }, effective };
  }
  if (site === s.site && s.effective && set.off !== undefined) return { ...s, effective: { ...s.effective, siteOff: set.off } };
  return s;
}
