import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { articleIdentity, formatHlc, type Change } from '../../../model';
import { db } from '../../../storage/db';
import { setMuted } from '../../../storage/entities';
import {
  addNote,
  deleteAllNotes,
  deleteNote,
  findNotes,
  noteFacets,
  notesOfArticle,
  restoreRevision,
  revisionsOf,
  undeleteNote,
  updateNote,
} from '../../../storage/notes';
import { applyRemoteChanges, KV_PUSHING } from '../../../storage/records';

const info = { title: 'Nvidia H20 licences', published: '2025-04-15', lang: 'en' };

beforeEach(async () => {
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

describe('notes', () => {
  it('adds a note with its article in one go, and queues both for sync', async () => {
    const article = await articleIdentity({ url: 'https://news.example/h20?utm_source=x' });
    const note = await addNote(article, info, { body: 'Check the date.', tags: ['h20', ' H20 ', '#licences', ''], entities: ['h20'] });
    expect(note.tags).toEqual(['h20', 'licences']);
    expect((await db.articles.get(article.id))).toMatchObject({ url: 'https://news.example/h20', title: info.title, site: 'news.example', deleted: false });
    expect((await notesOfArticle(article.id)).map((n) => n.body)).toEqual(['Check the date.']);
    const outbox = await db.outbox.toArray();
    expect(outbox.map((o) => [o.type, o.record])).toEqual([
      ['article', article.id],
      ['note', note.id],
    ]);
    expect(outbox[1]!.fields).toMatchObject({ body: 'Check the date.', articleId: article.id, deleted: false });
    expect(outbox[1]!.base).toEqual({ body: null });
  });

  it('refuses an empty note and a note that breaks the schema, writing nothing', async () => {
    const article = await articleIdentity({ url: 'https://news.example/h20' });
    await expect(addNote(article, info, { body: '   ' })).rejects.toThrow(/needs some text or a quote/);
    await expect(addNote(article, info, { body: 'x'.repeat(20_001) })).rejects.toThrow(/at most 20,000 characters/);
    expect(await db.notes.count()).toBe(0);
    expect(await db.articles.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('folds edits of one record into one waiting outbox entry, but never one a push has taken', async () => {
    const article = await articleIdentity({ url: 'https://news.example/h20' });
    const note = await addNote(article, info, { body: 'one' });
    await updateNote(note.id, { body: 'two' });
    await updateNote(note.id, { tags: ['x'] });
    let entries = await db.outbox.where('[type+record]').equals(['note', note.id]).toArray();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.fields).toMatchObject({ body: 'two', tags: ['x'] });
    expect(entries[0]!.base).toEqual({ body: null });

    await db.kv.put({ key: KV_PUSHING, value: entries[0]!.seq });
    const bodyClock = (await db.notes.get(note.id))!.clock.body;
    await updateNote(note.id, { body: 'three' });
    entries = await db.outbox.where('[type+record]').equals(['note', note.id]).toArray();
    expect(entries.map((e) => e.fields.body)).toEqual(['two', 'three']);
    expect(entries[1]!.base).toEqual({ body: bodyClock });
    expect(entries[1]!.seq).toBeGreaterThan(entries[0]!.seq!);
  });

  it('deletes as a tombstone, and can undo it', async () => {
    const article = await articleIdentity({ url: 'https://news.example/h20' });
    const note = await addNote(article, info, { body: 'gone soon' });
    await deleteNote(note.id);
    expect(await notesOfArticle(article.id)).toEqual([]);
    expect((await db.notes.get(note.id))?.deleted).toBe(true);
    await undeleteNote(note.id);
    expect((await notesOfArticle(article.id)).map((n) => n.id)).toEqual([note.id]);
    expect(await deleteAllNotes()).toBe(1);
    expect((await findNotes({})).total).toBe(0);
  });
});

describe('finding notes', () => {
  beforeEach(async () => {
    const a = await articleIdentity({ url: 'https://news.example/h20' });
    const b = await articleIdentity({ url: 'https://zeitung.example/export' });
    await addNote(a, info, { body: 'Nvidia says the H20 licence arrived in April', tags: ['licences'], entities: ['h20', 'nvidia'] });
    await addNote(a, info, { body: '英伟达 H20 出口许可证', tags: ['china'], entities: ['h20'] });
    await addNote(b, { title: 'Exportkontrollen', published: null, lang: 'de' }, {
      body: 'Die Exportkontrollen gelten weiter',
      quote: { exact: 'Ausfuhrkontrollen', prefix: 'die ', suffix: ' für' },
      position: { start: 10, end: 27 },
      tags: ['licences'],
    });
  });

  it('searches words, word starts, quotes and Chinese text', async () => {
    expect((await findNotes({ text: 'licence april' })).notes.map((n) => n.body)).toEqual(['Nvidia says the H20 licence arrived in April']);
    expect((await findNotes({ text: 'nvid' })).total).toBe(1);
    expect((await findNotes({ text: 'ausfuhr' })).total).toBe(1);
    expect((await findNotes({ text: '许可' })).notes.map((n) => n.tags)).toEqual([['china']]);
    expect((await findNotes({ text: 'nothing-like-this' })).total).toBe(0);
  });

  it('filters by entity, tag and site, and sorts and pages', async () => {
    expect((await findNotes({ entity: 'h20' })).total).toBe(2);
    expect((await findNotes({ tag: 'licences' })).total).toBe(2);
    expect((await findNotes({ tag: 'licences', site: 'zeitung.example' })).notes.map((n) => n.body)).toEqual(['Die Exportkontrollen gelten weiter']);
    const newest = await findNotes({ limit: 2 });
    expect(newest.total).toBe(3);
    expect(newest.notes).toHaveLength(2);
    const oldest = await findNotes({ sort: 'oldest', limit: 1 });
    expect(oldest.notes[0]!.body).toBe('Nvidia says the H20 licence arrived in April');
    expect(await noteFacets()).toEqual({ tags: ['china', 'licences'], entities: ['h20', 'nvidia'] });
  });
});

describe('changes from another browser', () => {
  it('merge field by field, and a kept text can be restored', async () => {
    const article = await articleIdentity({ url: 'https://news.example/h20' });
    const note = await addNote(article, info, { body: 'mine', tags: ['a'] });
    const remote = formatHlc({ wall: Date.now() + 60_000, counter: 0, node: 'bbbbbbbb22222222' });
    const changes: Change[] = [
      { type: 'note', record: note.id, fields: { tags: ['b'] }, clock: { tags: remote } },
      {
        type: 'revision',
        record: `note:${note.id}@${remote}`,
        fields: { targetType: 'note', targetId: note.id, field: 'body', value: 'theirs', hlc: remote, createdAt: 1, updatedAt: 1, deleted: false },
        clock: { targetType: remote, targetId: remote, field: remote, value: remote, hlc: remote, createdAt: remote, updatedAt: remote, deleted: remote },
      },
    ];
    expect(await applyRemoteChanges(changes)).toBe(2);
    const merged = await db.notes.get(note.id);
    expect(merged).toMatchObject({ body: 'mine', tags: ['b'] });
    expect(merged!.facets).toEqual(['t:b']);
    const outboxBefore = await db.outbox.count();
    expect(outboxBefore).toBe(2);

    const [rev] = await revisionsOf(note.id);
    expect(rev!.value).toBe('theirs');
    await restoreRevision(rev!.id);
    expect((await db.notes.get(note.id))!.body).toBe('theirs');
    const kept = await revisionsOf(note.id);
    expect(kept.map((r) => r.value)).toEqual(['mine']);
    // The clock moved past the remote stamp: the restore wins over it everywhere.
    expect((await db.notes.get(note.id))!.clock.body! > remote).toBe(true);
  });

  it('leave mutes to the later writer', async () => {
    await setMuted('nvidia', true);
    const earlier = formatHlc({ wall: 1000, counter: 0, node: 'bbbbbbbb22222222' });
    await applyRemoteChanges([{ type: 'mute', record: 'nvidia', fields: { deleted: true }, clock: { deleted: earlier } }]);
    expect((await db.mutes.get('nvidia'))!.deleted).toBe(false);
  });
});

describe('importing a set of notes', () => {
  it('writes records and outbox entries like single writes, keeps the notes’ own times, and knows duplicates', async () => {
    const article = await articleIdentity({ url: 'https://news.example/h20' });
    const a = { id: article.id, url: article.url, title: 'T', site: article.site, published: null, lang: 'en', createdAt: 1000, updatedAt: 2000, deleted: false };
    const note = (i: number) => ({
      id: `01jc${String(i).padStart(22, '0')}`,
      articleId: article.id,
      body: `note ${i}`,
      tags: ['x'],
      entities: [],
      quote: null,
      position: null,
      createdAt: 5000 + i,
      updatedAt: 6000 + i,
      deleted: false,
    });
    const { importBundle } = await import('../../../storage/notes-io');
    expect(await importBundle({ articles: [a], notes: [note(1), note(2), { ...note(3), deleted: true }] })).toEqual({ added: 2, restored: 0, duplicates: 0 });
    const stored = await db.notes.toArray();
    expect(stored.map((n) => [n.body, n.createdAt, n.updatedAt, n.live, n.facets])).toEqual([
      ['note 1', 5001, 6001, 1, ['t:x']],
      ['note 2', 5002, 6002, 1, ['t:x']],
    ]);
    expect((await db.outbox.toArray()).map((e) => [e.type, e.record])).toEqual([
      ['article', article.id],
      ['note', note(1).id],
      ['note', note(2).id],
    ]);
    const stamps = stored.map((n) => n.clock.body!);
    expect(stamps[1]! > stamps[0]!).toBe(true);

    await deleteNote(note(1).id);
    expect(await importBundle({ articles: [a], notes: [note(1), note(2)] })).toEqual({ added: 0, restored: 1, duplicates: 1 });
    expect((await db.notes.get(note(1).id))).toMatchObject({ deleted: false, createdAt: 5001 });
    // The restore folded into the waiting entry of that note: still one entry per record.
    expect(await db.outbox.where('[type+record]').equals(['note', note(1).id]).count()).toBe(1);
  });
});
