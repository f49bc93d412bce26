import { describe, expect, it } from 'vitest';
import { articleIdentity, checkRecord } from '../../../model';
import {
  annotationCollection,
  exportBundle,
  noteIdForIri,
  parseNotesFile,
  toGlossJson,
  toJsonLd,
  type NotesBundle,
  type ParseResult,
} from '../../../model/interchange';
import { EN, N1, N2, N3, N4, sampleBundle, T0 } from './interchange-fixture';

function bundleOf(result: ParseResult): NotesBundle {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.issues)}`);
  return result.bundle;
}

describe('round trips lose nothing', () => {
  it('bundle → JSON-LD → parse gives the same bundle', async () => {
    const bundle = sampleBundle();
    const result = await parseNotesFile(toJsonLd(bundle));
    expect(result.ok && result.format).toBe('jsonld');
    expect(bundleOf(result)).toEqual(bundle);
  });

  it('bundle → Gloss JSON → parse gives the same bundle', async () => {
    const bundle = sampleBundle();
    const result = await parseNotesFile(toGlossJson(bundle));
    expect(result.ok && result.format).toBe('gloss');
    expect(bundleOf(result)).toEqual(bundle);
  });

  it('keeps what is easy to lose: Greek, Chinese, emoji, line breaks in quotes, empty tags, no quote, no text, milliseconds', async () => {
    const back = bundleOf(await parseNotesFile(toJsonLd(sampleBundle())));
    const note = (id: string) => back.notes.find((n) => n.id === id)!;
    expect(note(N1.id).quote?.exact).toBe('the U.S. government informed Nvidia\nthat it would require a license');
    expect(note(N1.id).createdAt).toBe(T0);
    expect(note(N2.id)).toMatchObject({ body: 'No quote on this one, and no tags. 🚀🇺🇸', tags: [], quote: null, position: null });
    expect(note(N3.id).tags).toEqual(['Κίνα']);
    expect(note(N4.id)).toMatchObject({ body: '', tags: ['台積電', '7nm'], position: null, quote: { exact: '台積電已通知中國大陸客戶，\n自11日起暫停出貨' } });
    expect(back.articles.find((a) => a.id === EN.id)?.published).toBe('2025-04-15T21:04:00.000Z');
  });

  it('writes a file that is the same bundle after being parsed twice (export of an import)', async () => {
    const once = bundleOf(await parseNotesFile(toJsonLd(sampleBundle())));
    const twice = bundleOf(await parseNotesFile(toGlossJson(once)));
    expect(twice).toEqual(sampleBundle());
  });

  it('every record that comes back passes checkRecord', async () => {
    const back = bundleOf(await parseNotesFile(toJsonLd(sampleBundle())));
    for (const a of back.articles) expect(checkRecord('article', a).ok).toBe(true);
    for (const n of back.notes) expect(checkRecord('note', n).ok).toBe(true);
  });
});

describe('what an export holds', () => {
  it('only live notes, only their articles, no clock or local fields, oldest note first', () => {
    const stored = [
      { ...EN, clock: { title: '001762162215123:00000:d3f1a9c2' } },
      { ...sampleBundle().articles[1]!, clock: {} },
    ];
    const deleted = { ...N3, deleted: true };
    const withLocal = { ...N2, clock: {}, live: 1, terms: ['quote'], facets: [] };
    const out = exportBundle(stored, [withLocal, deleted, N1]);
    expect(out.notes.map((n) => n.id)).toEqual([N1.id, N2.id]);
    expect(out.articles.map((a) => a.id)).toEqual([EN.id]);
    expect(Object.keys(out.notes[1]!)).toEqual(['id', 'articleId', 'body', 'tags', 'entities', 'quote', 'position', 'createdAt', 'updatedAt', 'deleted']);
    expect(Object.keys(out.articles[0]!)).toEqual(['id', 'url', 'title', 'site', 'published', 'lang', 'createdAt', 'updatedAt', 'deleted']);
  });

  it('refuses to export a note whose article is missing', () => {
    expect(() => exportBundle([EN], [N1, N3])).toThrow(`note ${N3.id}: its article ${N3.articleId} is not in the export`);
  });

  it('Gloss JSON has its format, version and export time', () => {
    const file = JSON.parse(toGlossJson(sampleBundle(), { exportedAt: Date.UTC(2026, 11, 6, 10) }));
    expect(file).toMatchObject({ format: 'gloss-notes', version: 1, exportedAt: '2026-12-06T10:00:00.000Z' });
    expect(Object.keys(file)).toEqual(['format', 'version', 'exportedAt', 'articles', 'notes']);
    expect(file.notes).toHaveLength(4);
  });
});

describe('JSON-LD mapping', () => {
  const collection = annotationCollection(sampleBundle(), { exportedAt: Date.UTC(2026, 11, 6, 10) });
  const [a1, a2, , a4] = collection.first.items;

  it('is an AnnotationCollection with the W3C context and a Gloss namespace', () => {
    expect(collection['@context']).toEqual(['http://www.w3.org/ns/anno.jsonld', { gloss: 'urn:gloss:ns:' }]);
    expect(collection).toMatchObject({ type: 'AnnotationCollection', total: 4, generated: '2026-12-06T10:00:00.000Z' });
    expect(collection.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(collection.first).toMatchObject({ type: 'AnnotationPage', startIndex: 0 });
  });

  it('maps an anchored note to text, tags, entities and both selectors', () => {
    expect(a1).toEqual({
      id: `urn:gloss:note:${N1.id}`,
      type: 'Annotation',
      motivation: 'commenting',
      created: '2026-11-03T09:30:15.123Z',
      modified: '2026-11-03T10:30:15.123Z',
      body: [
        { type: 'TextualBody', value: N1.body, format: 'text/plain', purpose: 'commenting' },
        { type: 'TextualBody', value: 'export controls', purpose: 'tagging' },
        { type: 'TextualBody', value: 'H20', purpose: 'tagging' },
        { type: 'SpecificResource', source: 'urn:gloss:entity:nvidia', purpose: 'identifying' },
        { type: 'SpecificResource', source: 'urn:gloss:entity:h20', purpose: 'identifying' },
      ],
      target: {
        source: EN.url,
        selector: [
          { type: 'TextQuoteSelector', ...N1.quote },
          { type: 'TextPositionSelector', start: 1204, end: 1269 },
        ],
      },
      'gloss:article': {
        id: `urn:gloss:article:${EN.id}`,
        'gloss:title': EN.title,
        'gloss:site': 'reuters.example',
        'gloss:published': '2025-04-15T21:04:00.000Z',
        'gloss:lang': 'en',
        created: '2026-11-03T09:30:15.123Z',
        modified: '2026-11-03T10:30:15.123Z',
        'gloss:deleted': false,
      },
    });
  });

  it('targets the page alone when the note has no quote, and leaves out an empty text', () => {
    expect(a2!.target).toEqual({ source: EN.url });
    expect(a4!.body?.some((b) => 'purpose' in b && b.purpose === 'commenting')).toBe(false);
    expect(a4!.target.selector).toEqual([{ type: 'TextQuoteSelector', ...N4.quote }]);
  });

  it('leaves out an unknown publication date and language instead of writing null', () => {
    expect(a4!['gloss:article']).not.toHaveProperty('gloss:published');
    expect(a4!['gloss:article']).not.toHaveProperty('gloss:lang');
  });
});

/** What Hypothesis's JSON-LD view of an annotation looks like (h/presenters/annotation_jsonld.py). */
function hypothesisAnnotation(id: string, extra: Record<string, unknown> = {}) {
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'Annotation',
    id: `https://hypothes.is/a/${id}`,
    created: '2025-04-16T08:12:48.589150+00:00',
    modified: '2025-04-16T09:00:00.000001+00:00',
    creator: 'acct:reporter@hypothes.is',
    body: [
      { type: 'TextualBody', value: 'Compare with the **10-Q** wording.', format: 'text/markdown' },
      { type: 'TextualBody', value: 'nvidia', purpose: 'tagging' },
      { type: 'TextualBody', value: 'licences', purpose: 'tagging' },
    ],
    target: [
      {
        source: 'https://www.reuters.example/technology/nvidia-h20-licence-2025-04-15/?utm_source=twitter&utm_medium=social#para-3',
        selector: [
          {
            type: 'RangeSelector',
            startSelector: { type: 'XPathSelector', value: '/main[1]/p[3]', refinedBy: { type: 'TextPositionSelector', start: 0, end: 0 } },
            endSelector: { type: 'XPathSelector', value: '/main[1]/p[3]', refinedBy: { type: 'TextPositionSelector', start: 64, end: 64 } },
          },
          { type: 'TextPositionSelector', start: 1204, end: 1268 },
          { type: 'TextQuoteSelector', exact: 'the U.S. government informed Nvidia that it would require a license', prefix: 'On April 9, 2025, ', suffix: ' for export' },
        ],
      },
    ],
    ...extra,
  };
}

describe('annotations from another tool (Hypothesis)', () => {
  it('imports text, tags, quote and position, and files the note under the article Gloss would derive', async () => {
    const result = await parseNotesFile(JSON.stringify(hypothesisAnnotation('Ab1_cD2-eF3')));
    const bundle = bundleOf(result);
    const identity = await articleIdentity({ url: hypothesisAnnotation('x').target[0]!.source });
    expect(bundle.articles).toEqual([
      {
        id: identity.id,
        url: 'https://www.reuters.example/technology/nvidia-h20-licence-2025-04-15/',
        title: '',
        site: 'reuters.example',
        published: null,
        lang: null,
        createdAt: Date.UTC(2025, 3, 16, 8, 12, 48, 589),
        updatedAt: Date.UTC(2025, 3, 16, 9, 0, 0, 0),
        deleted: false,
      },
    ]);
    expect(bundle.notes).toEqual([
      {
        id: await noteIdForIri('https://hypothes.is/a/Ab1_cD2-eF3'),
        articleId: identity.id,
        body: 'Compare with the **10-Q** wording.',
        tags: ['nvidia', 'licences'],
        entities: [],
        quote: { exact: 'the U.S. government informed Nvidia that it would require a license', prefix: 'On April 9, 2025, ', suffix: ' for export' },
        // The document-level selector, not the ones inside the RangeSelector, which count from an element.
        position: { start: 1204, end: 1268 },
        createdAt: Date.UTC(2025, 3, 16, 8, 12, 48, 589),
        updatedAt: Date.UTC(2025, 3, 16, 9, 0, 0, 0),
        deleted: false,
      },
    ]);
  });

  it('derives the same 26-character note id on every parse, so a second import is recognised as the same notes', async () => {
    const file = JSON.stringify([hypothesisAnnotation('Ab1_cD2-eF3'), hypothesisAnnotation('Zz9')]);
    const first = bundleOf(await parseNotesFile(file));
    const second = bundleOf(await parseNotesFile(file));
    expect(first.notes.map((n) => n.id)).toEqual(second.notes.map((n) => n.id));
    for (const n of first.notes) expect(n.id).toMatch(/^[0-9a-z]{26}$/);
    expect(first.notes[0]!.id).not.toBe(first.notes[1]!.id);
    expect(first.articles).toHaveLength(1);
  });

  it('identifies an annotation without an IRI by its content, whatever order its keys were written in', async () => {
    const a = { type: 'Annotation', bodyValue: 'a thought', target: 'https://example.com/story' };
    const b = { target: 'https://example.com/story', bodyValue: 'a thought', type: 'Annotation' };
    const c = { ...a, bodyValue: 'another thought' };
    const [ida, idb, idc] = await Promise.all([a, b, c].map(async (x) => bundleOf(await parseNotesFile(JSON.stringify(x))).notes[0]!.id));
    expect(ida).toBe(idb);
    expect(ida).not.toBe(idc);
  });

  it('gives an annotation without any time the import time', async () => {
    const now = Date.UTC(2026, 11, 6, 12);
    const bundle = bundleOf(await parseNotesFile(JSON.stringify({ id: 'urn:x:1', type: 'Annotation', bodyValue: 'x', target: 'https://example.com/a' }), { now }));
    expect(bundle.notes[0]).toMatchObject({ createdAt: now, updatedAt: now });
  });

  it('reads every container the W3C model allows: collection with first.items or items, page, array, single annotation', async () => {
    const a = hypothesisAnnotation('one');
    const b = hypothesisAnnotation('two');
    const files = [
      { type: 'AnnotationCollection', first: { type: 'AnnotationPage', items: [a, b] } },
      { type: 'AnnotationCollection', items: [a, b] },
      { type: 'AnnotationPage', items: [a, b] },
      [a, b],
    ];
    const expected = [await noteIdForIri(a.id), await noteIdForIri(b.id)];
    for (const file of files) expect(bundleOf(await parseNotesFile(JSON.stringify(file))).notes.map((n) => n.id)).toEqual(expected);
    expect(bundleOf(await parseNotesFile(JSON.stringify(a))).notes.map((n) => n.id)).toEqual(expected.slice(0, 1));
  });

  it('accepts "oa:" prefixed types, @id and @type, a target given as a plain address, and a source given as an object', async () => {
    const file = [
      { '@id': 'urn:x:1', '@type': 'oa:Annotation', body: { '@type': 'oa:TextualBody', value: 'one' }, target: 'https://example.com/a' },
      { id: 'urn:x:2', type: ['Annotation'], body: { value: 'two' }, target: { source: { id: 'https://example.com/a' } } },
    ];
    const bundle = bundleOf(await parseNotesFile(JSON.stringify(file)));
    expect(bundle.notes.map((n) => n.body)).toEqual(['one', 'two']);
    expect(bundle.articles).toHaveLength(1);
  });

  it('cuts foreign context around a quote to the 200 characters nearest to it', async () => {
    const long = 'x'.repeat(150);
    const a = hypothesisAnnotation('ctx');
    a.target[0]!.selector = [{ type: 'TextQuoteSelector', exact: 'quote', prefix: `START${long}${long}`, suffix: `${long}${long}END` } as never];
    const quote = bundleOf(await parseNotesFile(JSON.stringify(a))).notes[0]!.quote!;
    expect(quote.prefix).toBe(`${long}${long}`.slice(-200));
    expect(quote.suffix).toBe(`${long}${long}`.slice(0, 200));
  });

  it('leaves out bodies Gloss has no place for, and says so', async () => {
    const a = hypothesisAnnotation('img', {
      body: [
        { type: 'TextualBody', value: 'see picture' },
        { id: 'https://example.com/chart.png', type: 'Image' },
        'https://example.com/reply',
      ],
    });
    const result = await parseNotesFile(JSON.stringify(a));
    expect(bundleOf(result).notes[0]!.body).toBe('see picture');
    expect(result.ok && result.warnings.map((w) => w.path)).toEqual(['body[1]', 'body[2]']);
  });

  it("joins several text bodies by a blank line and skips Hypothesis's empty text body", async () => {
    const a = hypothesisAnnotation('two', {
      body: [
        { type: 'TextualBody', value: '', format: 'text/markdown' },
        { type: 'TextualBody', value: 'first', purpose: 'commenting' },
        { type: 'TextualBody', value: 'second', purpose: 'describing' },
      ],
    });
    expect(bundleOf(await parseNotesFile(JSON.stringify(a))).notes[0]!.body).toBe('first\n\nsecond');
  });

  it('a Gloss description of an article wins over the one derived from another annotation of the same page', async () => {
    const gloss = JSON.parse(toJsonLd({ articles: [EN], notes: [N1] })).first.items[0];
    const foreign = hypothesisAnnotation('same-page', { target: [{ source: EN.url }] });
    const identity = await articleIdentity({ url: EN.url });
    gloss['gloss:article'].id = `urn:gloss:article:${identity.id}`;
    const bundle = bundleOf(await parseNotesFile(JSON.stringify([foreign, gloss])));
    expect(bundle.articles).toEqual([{ ...EN, id: identity.id }]);
    expect(bundle.notes.map((n) => n.articleId)).toEqual([identity.id, identity.id]);
  });
});
