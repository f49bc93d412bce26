import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_NOTES, parseNotesFile, toGlossJson, toJsonLd, type Issue } from '../../../model/interchange';
import { EL, EN, N1, N2, N3, sampleBundle } from './interchange-fixture';

async function issuesOf(text: string): Promise<Issue[]> {
  const result = await parseNotesFile(text);
  if (result.ok) throw new Error('the file was accepted');
  // All or nothing: a refused file gives no bundle at all.
  expect(result).not.toHaveProperty('bundle');
  return result.issues;
}

function glossFile(edit: (file: { format: unknown; version: unknown; articles: unknown[]; notes: Record<string, unknown>[] }) => void): string {
  const file = JSON.parse(toGlossJson(sampleBundle()));
  edit(file);
  return JSON.stringify(file);
}

function jsonLdFile(edit: (items: Record<string, unknown>[]) => void): string {
  const file = JSON.parse(toJsonLd(sampleBundle()));
  edit(file.first.items);
  return JSON.stringify(file);
}

describe('files that are not notes', () => {
  it('says a file is not JSON, and where the parser stopped', async () => {
    expect(await issuesOf('{\n  "format": "gloss-notes",\n  "notes": [1, 2,]\n}')).toEqual([
      { path: '', message: 'this file is not JSON, so it is not a notes file Gloss can read (line 3, column 18: unexpected "]")' },
    ]);
    expect(await issuesOf('Title,URL\r\nx,y')).toEqual([{ path: '', message: 'this file is not JSON, so it is not a notes file Gloss can read (line 1, column 1: unexpected "T")' }]);
    expect(await issuesOf('{"notes": [')).toEqual([{ path: '', message: 'this file is not JSON, so it is not a notes file Gloss can read (line 1, column 12: the file ends too soon)' }]);
  });

  it('says a file is empty', async () => {
    expect(await issuesOf(' \n')).toEqual([{ path: '', message: 'this file is empty' }]);
  });

  it('reads a file saved with a byte order mark', async () => {
    const result = await parseNotesFile(`\uFEFF${toGlossJson(sampleBundle())}`);
    expect(result.ok).toBe(true);
  });

  it('refuses JSON of an unknown format', async () => {
    expect(await issuesOf('{"format": "evernote", "notes": []}')).toEqual([
      { path: 'format', message: 'Gloss cannot read files of the format "evernote"; it reads "gloss-notes" and W3C Web Annotations' },
    ]);
    expect(await issuesOf(JSON.stringify({ format: { name: 'x'.repeat(1000) } }))).toEqual([
      { path: 'format', message: `Gloss cannot read files of the format {"name":"${'x'.repeat(30)}…; it reads "gloss-notes" and W3C Web Annotations` },
    ]);
    for (const text of ['{"rows": []}', '[1, 2]', '"notes"', 'null', '{"type": "Note"}']) {
      expect(await issuesOf(text)).toEqual([{ path: '', message: 'Gloss cannot read this file: it is neither notes exported from Gloss nor W3C Web Annotations (JSON-LD)' }]);
    }
  });

  it('refuses a Gloss file from a newer version, or with no version', async () => {
    expect(await issuesOf(glossFile((f) => (f.version = 2)))).toEqual([
      { path: 'version', message: 'this file was written by a newer Gloss (format version 2); update Gloss to import it' },
    ]);
    expect(await issuesOf(glossFile((f) => delete f.version))).toEqual([{ path: 'version', message: 'Gloss reads notes files of version 1; this file says null' }]);
  });

  it('refuses a Gloss file without its lists', async () => {
    expect(await issuesOf('{"format": "gloss-notes", "version": 1, "notes": {}}')).toEqual([
      { path: 'articles', message: 'the file has no list of articles' },
      { path: 'notes', message: 'the file has no list of notes' },
    ]);
  });
});

describe('Gloss JSON: every problem, where it is', () => {
  it('refuses a note that is too long, with the limit in words', async () => {
    expect(await issuesOf(glossFile((f) => (f.notes[3]!.body = 'x'.repeat(20_001))))).toEqual([{ path: 'notes[3].body', message: 'a note is at most 20,000 characters' }]);
  });

  it('lists every problem in every record, not only the first', async () => {
    const issues = await issuesOf(
      glossFile((f) => {
        f.notes[0]!.tags = ['ok', '   ', 7];
        f.notes[0]!.createdAt = -5;
        f.notes[0]!.colour = 'red';
        f.notes[1]!.id = 'NOT-AN-ID';
        f.notes[2]!.quote = { exact: '', prefix: 'p' };
        f.notes[2]!.position = { start: 10, end: 4 };
        delete f.notes[3]!.deleted;
        (f.articles[0] as Record<string, unknown>).url = 'javascript:alert(1)';
        (f.articles[1] as Record<string, unknown>).title = 42;
      }),
    );
    expect(issues).toEqual([
      { path: 'articles[0].url', message: "the article's address must be an http(s) address" },
      { path: 'articles[1].title', message: 'the title must be text in double quotes' },
      { path: 'notes[0].tags[1]', message: 'a tag cannot be empty' },
      { path: 'notes[0].tags[2]', message: 'a tag must be text in double quotes' },
      { path: 'notes[0].createdAt', message: 'the time it was written cannot be negative' },
      { path: 'notes[0].colour', message: '"colour" is not something Gloss keeps here' },
      { path: 'notes[1].id', message: 'the id must be a note id (26 lower-case letters and digits)' },
      { path: 'notes[2].quote.exact', message: 'the quote cannot be empty' },
      { path: 'notes[2].quote.suffix', message: 'the text after the quote is missing' },
      { path: 'notes[2].position', message: 'a position must end after it starts' },
      { path: 'notes[3].deleted', message: '"deleted" is missing' },
    ]);
  });

  it('reports one problem per place, the first found', async () => {
    // "nope" is both not an article id and not an article in the file: the first says more.
    expect(await issuesOf(glossFile((f) => (f.notes[1]!.articleId = 'nope')))).toEqual([
      { path: 'notes[1].articleId', message: 'the note\'s article must be an article id ("a" and 32 hex digits)' },
    ]);
  });

  it("refuses a note whose article is not in the file", async () => {
    expect(await issuesOf(glossFile((f) => f.articles.splice(1, 1)))).toEqual([{ path: 'notes[2].articleId', message: "this note's article is not in the file" }]);
  });

  it('refuses the same note or article twice in one file', async () => {
    const issues = await issuesOf(
      glossFile((f) => {
        f.notes.push({ ...f.notes[1]!, body: 'changed' });
        f.articles.push(f.articles[0]);
      }),
    );
    expect(issues).toEqual([
      { path: 'articles[3].id', message: 'the same article is in this file twice (also at articles[0])' },
      { path: 'notes[4].id', message: 'the same note is in this file twice (also at notes[1])' },
    ]);
  });

  it('refuses a record that is not an object', async () => {
    expect(await issuesOf(glossFile((f) => f.notes.push('a note' as never)))).toEqual([{ path: 'notes[4]', message: 'a note must be a group of named values ({ … })' }]);
  });

  it(`refuses more than ${MAX_IMPORT_NOTES.toLocaleString('en')} notes`, async () => {
    const notes = Array.from({ length: MAX_IMPORT_NOTES + 1 }, () => 0);
    expect(await issuesOf(JSON.stringify({ format: 'gloss-notes', version: 1, articles: [], notes }))).toEqual([
      { path: 'notes', message: 'a file can hold at most 100,000 notes; this one has 100,001' },
    ]);
  });

  it(`accepts exactly ${MAX_IMPORT_NOTES.toLocaleString('en')} notes`, async () => {
    const notes = Array.from({ length: MAX_IMPORT_NOTES }, (_, i) => ({ ...N2, id: `01jc${String(i).padStart(22, '0')}` }));
    const result = await parseNotesFile(JSON.stringify({ format: 'gloss-notes', version: 1, articles: [EN], notes }));
    expect(result.ok && result.bundle.notes.length).toBe(MAX_IMPORT_NOTES);
  }, 30_000);
});

describe('JSON-LD: every problem, where it is', () => {
  it('refuses an address that is not a web page, and says where', async () => {
    const issues = await issuesOf(
      jsonLdFile((items) => {
        (items[1]!.target as Record<string, unknown>).source = 'javascript:alert(1)';
        (items[2]!.target as Record<string, unknown>).source = 'file:///etc/passwd';
      }),
    );
    expect(issues).toEqual([
      { path: 'first.items[1].target.source', message: 'a note must be about a web page: its address must start with http:// or https://' },
      { path: 'first.items[2].target.source', message: 'a note must be about a web page: its address must start with http:// or https://' },
    ]);
  });

  it('refuses a foreign annotation about a page that is not on the web', async () => {
    expect(await issuesOf(JSON.stringify({ id: 'urn:x:1', type: 'Annotation', bodyValue: 'x', target: { source: 'data:text/html,<b>hi</b>' } }))).toEqual([
      { path: 'target.source', message: 'a note must be about a web page: its address must start with http:// or https://' },
    ]);
  });

  it('puts each problem at the part of the annotation it came from', async () => {
    const issues = await issuesOf(
      jsonLdFile((items) => {
        const body = items[0]!.body as Record<string, unknown>[];
        body[0]!.value = 'x'.repeat(20_001);
        body[2]!.value = 'y'.repeat(61);
        body[3]!.source = 'urn:gloss:entity:NOT VALID';
        const selector = (items[2]!.target as { selector: Record<string, unknown>[] }).selector;
        selector[0]!.exact = '';
        selector[1]!.end = -1;
        items[3]!.created = 'last Tuesday';
        (items[1]!['gloss:article'] as Record<string, unknown>)['gloss:title'] = 7;
      }),
    );
    expect(issues).toEqual([
      { path: 'first.items[3].created', message: 'the time it was written must be a date and time such as 2026-12-06T10:00:00Z' },
      { path: 'first.items[1].gloss:article.gloss:title', message: 'the title must be text in double quotes' },
      { path: 'first.items[0].body[0].value', message: 'a note is at most 20,000 characters' },
      { path: 'first.items[0].body[2].value', message: 'a tag is at most 60 characters' },
      { path: 'first.items[0].body[3].source', message: 'an entity must be an entity id (lower-case letters, digits, "." or "-")' },
      { path: 'first.items[2].target.selector[0].exact', message: 'the quote cannot be empty' },
      { path: 'first.items[2].target.selector[1].end', message: 'the end cannot be negative' },
      { path: 'first.items[2].target.selector[1]', message: 'a position must end after it starts' },
    ]);
  });

  it('reports a wrong article description once, though the file repeats it on every note of the article', async () => {
    const issues = await issuesOf(
      jsonLdFile((items) => {
        for (const item of items.slice(0, 2)) delete (item['gloss:article'] as Record<string, unknown>)['gloss:site'];
      }),
    );
    expect(issues).toEqual([{ path: 'first.items[0].gloss:article.gloss:site', message: 'the site is missing' }]);
  });

  it('refuses a file nested too deeply to be notes instead of failing', async () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(await issuesOf(`{"type": "Annotation", "bodyValue": "x", "target": "https://a.example/1", "extra": ${deep}}`)).toEqual([
      { path: '', message: 'this file is nested too deeply to be notes' },
    ]);
  });

  it('refuses the same annotation twice in one file', async () => {
    const issues = await issuesOf(jsonLdFile((items) => items.push({ ...items[0]!, modified: '2027-01-01T00:00:00Z' })));
    expect(issues).toEqual([{ path: 'first.items[4].id', message: 'the same note is in this file twice (also at first.items[0])' }]);
  });

  it('refuses two different descriptions of one article', async () => {
    const issues = await issuesOf(jsonLdFile((items) => ((items[1]!['gloss:article'] as Record<string, unknown>)['gloss:title'] = 'Another title')));
    expect(issues).toEqual([{ path: 'first.items[1].gloss:article', message: 'this article is described differently at first.items[0].gloss:article' }]);
  });

  it('refuses a Gloss note id or article id that is not one', async () => {
    const issues = await issuesOf(
      jsonLdFile((items) => {
        items[0]!.id = 'urn:gloss:note:UPPER';
        (items[2]!['gloss:article'] as Record<string, unknown>).id = 'https://example.com/article';
      }),
    );
    expect(issues).toEqual([
      { path: 'first.items[2].gloss:article.id', message: 'the article\'s id must be "urn:gloss:article:" followed by the article id' },
      { path: 'first.items[0].id', message: 'the id must be a note id (26 lower-case letters and digits)' },
    ]);
  });

  it('refuses an annotation without a page, or about several pages, and things that are not annotations', async () => {
    const file = [
      { id: 'urn:x:1', type: 'Annotation', bodyValue: 'no target' },
      { id: 'urn:x:2', type: 'Annotation', bodyValue: 'two pages', target: ['https://a.example/1', 'https://b.example/2'] },
      { id: 'urn:x:3', type: 'Annotation', bodyValue: 'no address', target: { selector: { type: 'TextQuoteSelector', exact: 'q' } } },
      { id: 'urn:x:4', type: 'Annotation', bodyValue: 'bad address', target: 'https://' },
      { type: 'Comment', text: 'not an annotation' },
    ];
    expect(await issuesOf(JSON.stringify(file))).toEqual([
      { path: '[0].target', message: 'the annotation does not say which page it is about ("target" is missing)' },
      { path: '[1].target', message: 'this annotation is about several pages; a Gloss note belongs to one article' },
      { path: '[2].target.id', message: 'the address of the page the note is about is missing' },
      { path: '[3].target', message: 'the address of the page the note is about is not a valid web address' },
      { path: '[4]', message: 'this is not a W3C annotation (its "type" should be "Annotation")' },
    ]);
  });

  it('refuses text and tags that are not text', async () => {
    const file = { id: 'urn:x:1', type: 'Annotation', body: [{ type: 'TextualBody', value: 3 }, { type: 'TextualBody', purpose: 'tagging' }], target: 'https://a.example/1' };
    expect(await issuesOf(JSON.stringify(file))).toEqual([
      { path: 'body[0].value', message: 'the text must be text in double quotes' },
      { path: 'body[1].value', message: 'a tag is missing' },
    ]);
  });

  it('refuses a collection whose annotations are elsewhere, or only partly here', async () => {
    expect(await issuesOf('{"type": "AnnotationCollection", "total": 3, "first": "https://anno.example/page1"}')).toEqual([
      { path: 'first', message: 'the annotations of this collection are not in the file but at another address; export them into the file' },
    ]);
    const partial = JSON.parse(toJsonLd({ articles: [EN], notes: [N1] }));
    partial.first.next = 'https://anno.example/page2';
    expect(await issuesOf(JSON.stringify(partial))).toEqual([
      { path: 'first.next', message: 'this file holds only part of a collection (the rest is at another address); export the whole collection into one file' },
    ]);
  });

  it(`refuses more than ${MAX_IMPORT_NOTES.toLocaleString('en')} annotations before reading any`, async () => {
    const items = Array.from({ length: MAX_IMPORT_NOTES + 1 }, () => 0);
    expect(await issuesOf(JSON.stringify({ type: 'AnnotationPage', items }))).toEqual([
      { path: 'items', message: 'a file can hold at most 100,000 notes; this one has 100,001' },
    ]);
  });

  it('reports a page that is not on the web once, though its article and note both need it', async () => {
    const issues = await issuesOf(jsonLdFile((items) => ((items[0]!.target as Record<string, unknown>).source = 'ftp://x.example/a')));
    expect(issues.filter((i) => i.path === 'first.items[0].target.source')).toEqual([
      { path: 'first.items[0].target.source', message: 'a note must be about a web page: its address must start with http:// or https://' },
    ]);
    expect(issues).toHaveLength(1);
  });

  it('accepts an empty collection as no notes', async () => {
    const result = await parseNotesFile(toJsonLd({ articles: [EL], notes: [] }));
    expect(result).toEqual({ ok: true, format: 'jsonld', bundle: { articles: [], notes: [] }, warnings: [] });
  });

  it('never returns a partial bundle: one bad note among good ones refuses the file', async () => {
    const result = await parseNotesFile(jsonLdFile((items) => ((items[3]!.body as Record<string, unknown>[])[0]!.value = 'z'.repeat(61))));
    expect(result.ok).toBe(false);
    expect(result).not.toHaveProperty('bundle');
    const fine = await parseNotesFile(toJsonLd({ articles: [EN, EL], notes: [N1, N3] }));
    expect(fine.ok && fine.bundle.notes).toHaveLength(2);
  });
});
