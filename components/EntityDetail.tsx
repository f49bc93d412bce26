// Shows everything stored about one entity: summary, key facts, related entities, its
// whole timeline and the articles it was seen in, read live from IndexedDB.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'preact/hooks';
import { t } from './i18n';
import { pickText } from '../knowledge/localize';
import { isFallback, LanguageMark } from './LanguageMark';
import { getEntities, getEntity, getEntityNote, isMuted } from '../storage/entities';
import { timeline } from '../storage/events';
import { sightingsOf } from '../storage/sightings';
import { hostOf, webHref } from './format';
import { EntityNote } from './EntityNote';
import { KindBadge } from './KindBadge';
import { SourceLinks } from './SourceLinks';
import { Timeline } from './Timeline';

export interface EntityDetailProps {
  id: string;
  locale: string;
  onChoose(entity: string): void;
  onMute(entity: string, muted: boolean): void;
  onNote(entity: string, note: string): Promise<unknown>;
}

/** The latest events are shown at once; a long timeline opens in full on request. */
const TIMELINE_FIRST = 30;

export function EntityDetail({ id, locale, onChoose, onMute, onNote }: EntityDetailProps) {
  const [showAll, setShowAll] = useState(false);
  useEffect(() => setShowAll(false), [id]);
  const data = useLiveQuery(async () => {
    const entity = await getEntity(id);
    if (!entity) return null;
    const [events, related, seen, note, muted] = await Promise.all([
      timeline(id),
      getEntities(entity.related.map((r) => r.entity)),
      sightingsOf(id),
      getEntityNote(id),
      isMuted(id),
    ]);
    return { entity, events, related, seen, note, muted };
  }, [id]);
  if (data === undefined) return <p class="muted">{t('loading')}</p>;
  if (data === null) return <p class="muted">{t('entityMissing', id)}</p>;
  const { entity, events, related, seen, note, muted } = data;
  const name = pickText(entity.names, locale);
  const summary = pickText(entity.summary, locale);
  const facts = entity.facts.map((f) => ({ key: f.text.en, text: pickText(f.text, locale), sources: f.sources }));
  const titles = events.map((e) => pickText(e.title, locale));
  // A list wholly in one fallback language says so once, in its heading, not on every line.
  const factsLang = commonFallback(facts.map((f) => f.text.lang));
  const eventsLang = commonFallback(titles.map((x) => x.lang));
  return (
    <article class="entity-detail" data-entity={entity.id}>
      <header class="entity-head">
        <KindBadge kind={entity.kind} />
        <h1 lang={name.lang}>{name.text}</h1>
      </header>
      <p class="entity-summary" lang={summary.lang}>
        {summary.text}
        <LanguageMark lang={summary.lang} />
      </p>
      <div class="entity-actions">
        <label class="mute">
          <input type="checkbox" checked={muted} onChange={(e) => onMute(entity.id, (e.currentTarget as HTMLInputElement).checked)} /> {t('entityMuteLabel')}
        </label>
        <div class="note">
          <span class="gloss-section-title" id={`note-title-${entity.id}`}>
            {t('entityNoteTitle')}
          </span>
          <EntityNote key={entity.id} stored={note?.body ?? ''} labelledBy={`note-title-${entity.id}`} onSave={(text) => onNote(entity.id, text)} />
        </div>
      </div>
      {entity.facts.length > 0 ? (
        <section aria-label={t('entityFacts')}>
          <h2 class="gloss-section-title">
            {t('entityFacts')}
            <LanguageMark lang={factsLang} />
          </h2>
          <ul class="facts">
            {facts.map((f) => (
              <li key={f.key}>
                <span lang={f.text.lang}>{f.text.text}</span>
                {factsLang ? null : <LanguageMark lang={f.text.lang} />}
                {f.sources.length > 0 ? <SourceLinks sources={f.sources} locale={locale} /> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {entity.related.length > 0 ? (
        <section aria-label={t('entityRelated')}>
          <h2 class="gloss-section-title">{t('entityRelated')}</h2>
          <ul class="related">
            {entity.related
              .filter((r) => related.has(r.entity))
              .map((r) => (
                <li key={r.entity}>
                  <button type="button" class="link" lang={pickText(related.get(r.entity)!.names, locale).lang} onClick={() => onChoose(r.entity)}>
                    {pickText(related.get(r.entity)!.names, locale).text}
                  </button>
                  {/* A relation is a pack's own word ("maker"), in English. */}
                  <span class="relation">
                    {' · '}
                    <span lang="en">{r.relation}</span>
                  </span>
                </li>
              ))}
          </ul>
        </section>
      ) : null}
      <section aria-label={t('entityTimeline')}>
        <h2 class="gloss-section-title">
          {t('entityTimelineCount', String(events.length))}
          <LanguageMark lang={eventsLang} />
        </h2>
        {events.length > 0 ? (
          <Timeline
            events={(showAll ? events : events.slice(0, TIMELINE_FIRST)).map((e, i) => {
              const summary = e.summary ? pickText(e.summary, locale) : undefined;
              return {
                date: e.date,
                title: titles[i]!.text,
                titleLang: titles[i]!.lang,
                summary: summary?.text,
                summaryLang: summary?.lang,
                status: e.status,
                sources: e.sources,
              };
            })}
            locale={locale}
            mark={(lang) => (eventsLang === undefined || lang !== eventsLang ? <LanguageMark lang={lang} /> : null)}
          />
        ) : (
          <p class="muted">{t('entityNoEvents')}</p>
        )}
        {!showAll && events.length > TIMELINE_FIRST ? (
          <button type="button" class="link more-events" onClick={() => setShowAll(true)}>
            {t('timelineShowAll', String(events.length))}
          </button>
        ) : null}
      </section>
      {seen.length > 0 ? (
        <section aria-label={t('entitySeenOn')}>
          <h2 class="gloss-section-title">{t('entitySeenOn')}</h2>
          <ul class="seen">
            {seen.map((s) => (
              <li key={s.url}>
                <a href={webHref(s.url)} target="_blank" rel="noopener noreferrer" dir="auto">
                  {s.title || s.url}
                </a>{' '}
                <span class="muted">
                  {hostOf(s.url)} · ×{s.count}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-label={t('entitySources')}>
        <h2 class="gloss-section-title">{t('entitySources')}</h2>
        <SourceLinks sources={entity.sources} locale={locale} />
      </section>
    </article>
  );
}

/** The one fallback language all these texts are in, if they are (and there are any). */
function commonFallback(langs: string[]): string | undefined {
  const [first] = langs;
  return first !== undefined && langs.every((l) => l === first) && isFallback(first) ? first : undefined;
}
