// The knowledge pack format, explained inside the extension for whoever writes a pack:
// the parts of the file, what each field takes, and the limits a pack is checked against.
// Import errors in the options page link to its sections (#file, #pack, #entities,
// #aliases, #events, #sources, #limits).
import type { ComponentChildren } from 'preact';
import { t } from '../../components/i18n';

type Key = Parameters<typeof t>[0];

const FILE = `{
  "pack": { "format": 1, "id": "newsroom-desk", "version": "1.0.0",
            "name": "Tech desk watch list", "publisher": "Example Newsroom" },
  "contexts": { "desk": ["photonic{,s}", "interconnect{,s}"] },
  "entities": [ … ],
  "events": [ … ],
  "sources": [ … ]
}`;

const ENTITY = `{
  "id": "lumen-p1",
  "kind": "chip",
  "names": { "en": "Lumen P1" },
  "summary": { "en": "A photonic interconnect chip the desk follows." },
  "aliases": [
    { "text": "Lumen P1", "lang": "en" },
    { "text": "P1", "lang": "en", "caseSensitive": true, "requires": ["context:desk"] }
  ],
  "facts": [ { "text": { "en": "Sampling since 2026." }, "sources": ["desk-note"] } ],
  "related": [ { "entity": "nvidia", "relation": "customer" } ],
  "sources": ["desk-note"]
}`;

const EVENT = `{
  "id": "2026-03-lumen-sampling",
  "date": "2026-03",
  "title": { "en": "Lumen starts sampling the P1" },
  "status": "reported",
  "entities": ["lumen-p1"],
  "sources": ["desk-note"]
}`;

const SOURCE = `{ "id": "desk-note", "url": "https://news.example/lumen-p1",
  "title": "Lumen's P1 reaches customers", "publisher": "Example Newsroom",
  "published": "2026-03-02", "lang": "en" }`;

function Field({ name, text }: { name: string; text: Key }) {
  return (
    <>
      <dt>
        <code>{name}</code>
      </dt>
      <dd>{t(text)}</dd>
    </>
  );
}

function Part({ id, title, children }: { id: string; title: Key; children: ComponentChildren }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t(title)}</h2>
      {children}
    </section>
  );
}

export function App() {
  const parts: [string, Key][] = [
    ['file', 'formatFileTitle'],
    ['pack', 'formatPackTitle'],
    ['entities', 'formatEntitiesTitle'],
    ['aliases', 'formatAliasesTitle'],
    ['events', 'formatEventsTitle'],
    ['sources', 'formatSourcesTitle'],
    ['limits', 'formatLimitsTitle'],
  ];
  return (
    <main class="page format">
      <p>
        <a href="/options.html">{t('formatBack')}</a>
      </p>
      <h1>{t('formatTitle')}</h1>
      <p>{t('formatIntro')}</p>
      <nav aria-label={t('formatContents')}>
        <ul>
          {parts.map(([id, title]) => (
            <li key={id}>
              <a href={`#${id}`}>{t(title)}</a>
            </li>
          ))}
        </ul>
      </nav>

      <Part id="file" title="formatFileTitle">
        <p>{t('formatFile')}</p>
        <pre>
          <code>{FILE}</code>
        </pre>
        <p>{t('formatFileStrict')}</p>
      </Part>

      <Part id="pack" title="formatPackTitle">
        <dl>
          <Field name="format" text="formatPackFormat" />
          <Field name="id" text="formatPackId" />
          <Field name="version" text="formatPackVersion" />
          <Field name="name, publisher, description" text="formatPackName" />
          <Field name="private" text="formatPackPrivate" />
        </dl>
      </Part>

      <Part id="entities" title="formatEntitiesTitle">
        <pre>
          <code>{ENTITY}</code>
        </pre>
        <dl>
          <Field name="id" text="formatEntityId" />
          <Field name="kind" text="formatEntityKind" />
          <Field name="names, summary" text="formatEntityTexts" />
          <Field name="facts" text="formatEntityFacts" />
          <Field name="related" text="formatEntityRelated" />
          <Field name="sources" text="formatEntitySources" />
        </dl>
      </Part>

      <Part id="aliases" title="formatAliasesTitle">
        <p>{t('formatAliases')}</p>
        <dl>
          <Field name="text" text="formatAliasText" />
          <Field name="lang" text="formatAliasLang" />
          <Field name="caseSensitive" text="formatAliasCase" />
          <Field name="requires" text="formatAliasRequires" />
          <Field name="falseFriends" text="formatFalseFriends" />
          <Field name="contexts" text="formatContexts" />
        </dl>
        <p>{t('formatAliasShared')}</p>
      </Part>

      <Part id="events" title="formatEventsTitle">
        <pre>
          <code>{EVENT}</code>
        </pre>
        <dl>
          <Field name="date" text="formatEventDate" />
          <Field name="status" text="formatEventStatus" />
          <Field name="entities" text="formatEventEntities" />
        </dl>
      </Part>

      <Part id="sources" title="formatSourcesTitle">
        <pre>
          <code>{SOURCE}</code>
        </pre>
        <dl>
          <Field name="url" text="formatSourceUrl" />
          <Field name="published" text="formatSourcePublished" />
          <Field name="aggregator" text="formatSourceAggregator" />
        </dl>
      </Part>

      <Part id="limits" title="formatLimitsTitle">
        <ul>
          <li>{t('formatLimitWhole')}</li>
          <li>{t('formatLimitIds')}</li>
          <li>{t('formatLimitForms')}</li>
          <li>{t('formatLimitSize')}</li>
        </ul>
      </Part>
    </main>
  );
}
