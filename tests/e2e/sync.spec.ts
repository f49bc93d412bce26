// Sync between two browsers through the real sync server: two Chromium profiles with
// the built extension, a server process over HTTP on SQLite or on this machine's
// PostgreSQL, driven through the extension's own pages.
import { join } from 'node:path';
import { launchWithGloss, openArticle, tabIdOf, type GlossBrowser } from '../support/browser';
import { serveDirectory, type StaticServer } from '../support/server';
import { addUser, createPlace, startServer, type Place, type ServerProcess } from '../server/support';
import { expect, SCREENSHOTS, test } from './fixtures';
import { story } from './notes-support';
import { connect, notesInView, optionsPage, settled, status, syncNow } from './sync-support';

test.describe.configure({ timeout: 120_000 });

interface Pair {
  a: GlossBrowser;
  b: GlossBrowser;
  place: Place;
  server: ServerProcess;
  pages: StaticServer;
  close(): Promise<void>;
}

async function pair(backend: 'sqlite' | 'postgres' = 'sqlite'): Promise<Pair> {
  const place = await createPlace(backend);
  const server = await startServer(place);
  const routes: Record<string, string> = {};
  const pages = await serveDirectory('tests/fixtures/pages', routes);
  routes['/story.html'] = story();
  const [a, b] = await Promise.all([launchWithGloss(), launchWithGloss()]);
  return {
    a,
    b,
    place,
    server,
    pages,
    async close(this: Pair) {
      await Promise.all([a.close(), b.close()]);
      await this.server.stop().catch(() => undefined);
      await pages.close();
      await place.drop();
    },
  };
}

/** Adds a note to the story from the popup, as a reader would. */
async function addNoteInPopup(gloss: GlossBrowser, pages: StaticServer, body: string): Promise<void> {
  const url = `${pages.url}/story.html`;
  await openArticle(gloss.context, url);
  const tabId = await tabIdOf(gloss.worker, url);
  const popup = await gloss.context.newPage();
  await popup.goto(`chrome-extension://${gloss.extensionId}/popup.html?tab=${tabId}`);
  await popup.getByRole('button', { name: 'Add a note' }).click();
  await popup.getByLabel('Note', { exact: true }).fill(body);
  await popup.getByRole('button', { name: 'Save note' }).click();
  await expect(popup.locator('.article-notes .note-item .note-body', { hasText: body })).toBeVisible();
  await popup.close();
}

/** Edits a note's text in the notes view. */
async function editNote(gloss: GlossBrowser, id: string, body: string): Promise<void> {
  const view = await gloss.context.newPage();
  await view.goto(`chrome-extension://${gloss.extensionId}/notes.html`);
  const item = view.locator(`.note-item[data-note="${id}"]`);
  await item.getByRole('button', { name: 'Edit' }).click();
  await item.locator('textarea').fill(body);
  await item.getByRole('button', { name: 'Save note' }).click();
  await expect(item.locator(':scope > .note-body')).toHaveText(body);
  await view.close();
}

test('a note made in A appears in B, an edit in B appears in A, and a delete reaches both', async () => {
  const p = await pair();
  try {
    const token = await addUser(p.place, 'reporter');
    const [optA, optB] = [await optionsPage(p.a), await optionsPage(p.b)];
    await connect(optA, p.server.url, token);
    await connect(optB, p.server.url, token);

    await addNoteInPopup(p.a, p.pages, 'Ask Nvidia about the licence date.');
    await settled(optA);
    await syncNow(optB);
    const inB = await notesInView(p.b);
    expect(inB.map((n) => n.body)).toEqual(['Ask Nvidia about the licence date.']);
    await optB.screenshot({ path: join(SCREENSHOTS, 'options-sync.png'), fullPage: true });

    await editNote(p.b, inB[0]!.id, 'Asked Nvidia: April 9.');
    await settled(optB);
    await syncNow(optA);
    expect((await notesInView(p.a)).map((n) => n.body)).toEqual(['Asked Nvidia: April 9.']);

    const view = await p.a.context.newPage();
    await view.goto(`chrome-extension://${p.a.extensionId}/notes.html`);
    await view.locator(`.note-item[data-note="${inB[0]!.id}"]`).getByRole('button', { name: 'Delete' }).click();
    await expect(view.locator('.note-item')).toHaveCount(0);
    await settled(optA);
    await syncNow(optB);
    expect(await notesInView(p.b)).toEqual([]);
  } finally {
    await p.close();
  }
});

test('concurrent edits of one note converge in both browsers, the losing text kept as a revision', async () => {
  const p = await pair();
  try {
    const token = await addUser(p.place, 'reporter');
    const [optA, optB] = [await optionsPage(p.a), await optionsPage(p.b)];
    await connect(optA, p.server.url, token);
    await connect(optB, p.server.url, token);
    await addNoteInPopup(p.a, p.pages, 'Draft: licence timing.');
    await settled(optA);
    await syncNow(optB);
    const [note] = await notesInView(p.b);

    // Both edit the same text without seeing the other's edit first.
    await editNote(p.a, note!.id, 'From A: the licence came in April.');
    await settled(optA);
    await editNote(p.b, note!.id, 'From B: the licence came three weeks later.');
    await settled(optB);
    await syncNow(optA);

    const inA = await notesInView(p.a);
    const inB = await notesInView(p.b);
    expect(inA).toEqual(inB);
    expect(inA).toEqual([{ id: note!.id, body: 'From B: the licence came three weeks later.', revisions: ['From A: the licence came in April.'] }]);

    // The kept text can be put back, and that too reaches the other browser.
    const view = await p.a.context.newPage();
    await view.goto(`chrome-extension://${p.a.extensionId}/notes.html`);
    await view.screenshot({ path: join(SCREENSHOTS, 'notes-revision.png'), fullPage: true });
    await view.getByRole('button', { name: 'Use this version' }).click();
    await expect(view.locator(`.note-item[data-note="${note!.id}"] > .note-body`)).toHaveText('From A: the licence came in April.');
    await settled(optA);
    await syncNow(optB);
    expect((await notesInView(p.b))[0]).toEqual({ id: note!.id, body: 'From A: the licence came in April.', revisions: ['From B: the licence came three weeks later.'] });
  } finally {
    await p.close();
  }
});

test('changes made while the server is down arrive after it restarts; a server killed mid-push loses and doubles nothing', async () => {
  const p = await pair();
  try {
    const token = await addUser(p.place, 'reporter');
    const [optA, optB] = [await optionsPage(p.a), await optionsPage(p.b)];
    await connect(optA, p.server.url, token);
    await connect(optB, p.server.url, token);
    const port = new URL(p.server.url).port;

    await p.server.stop();
    await addNoteInPopup(p.a, p.pages, 'Written while the server was down.');
    await syncNow(optA);
    const down = await status(optA);
    expect(down.pending).toBeGreaterThan(0);
    expect(down.lastError).toMatch(/cannot reach the sync server/);
    await expect(optA.locator('.sync-error')).toBeVisible();

    p.server = await startServer(p.place, ['--port', port]);
    await syncNow(optA);
    await settled(optA);
    await syncNow(optB);
    expect((await notesInView(p.b)).map((n) => n.body)).toEqual(['Written while the server was down.']);

    // A large import makes a push of many batches; the server dies (SIGKILL) during it.
    const view = await p.a.context.newPage();
    await view.goto(`chrome-extension://${p.a.extensionId}/notes.html`);
    const articles = Array.from({ length: 300 }, (_, i) => ({
      id: `a${i.toString(16).padStart(32, '0')}`,
      url: `https://news.example/story-${i}`,
      title: `Story ${i}`,
      site: 'news.example',
      published: null,
      lang: 'en',
      createdAt: 1_760_000_000_000 + i,
      updatedAt: 1_760_000_000_000 + i,
      deleted: false,
    }));
    const notes = Array.from({ length: 2400 }, (_, i) => ({
      id: `0${(1_000_000 + i).toString(36).padStart(25, '0')}`,
      articleId: articles[i % 300]!.id,
      // Long enough that each batch of the push takes the server a while.
      body: `Note ${i}: ${'context '.repeat(500)}`,
      tags: [`t${i % 7}`],
      entities: [],
      quote: null,
      position: null,
      createdAt: 1_760_000_100_000 + i,
      updatedAt: 1_760_000_100_000 + i,
      deleted: false,
    }));
    const file = JSON.stringify({ format: 'gloss-notes', version: 1, exportedAt: new Date().toISOString(), articles, notes });
    await view.locator('input[type="file"]').setInputFiles({ name: 'many.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    await expect(view.locator('.status')).toContainText('Imported: 2400 new', { timeout: 60_000 });
    // Kill as soon as the first batch has been taken but not everything is through.
    await expect.poll(async () => (await status(optA)).pending, { timeout: 20_000, intervals: [20] }).toBeLessThan(2700);
    await p.server.kill();
    expect((await status(optA)).pending).toBeGreaterThan(0);

    p.server = await startServer(p.place, ['--port', port]);
    await syncNow(optA);
    await settled(optA);
    await syncNow(optB);
    const inB = await notesInView(p.b);
    expect(inB.length).toBe(50);
    const total = await optB.evaluate(() => new Promise<number>((resolve) => {
      const open = indexedDB.open('gloss');
      open.onsuccess = () => {
        const req = open.result.transaction('notes').objectStore('notes').getAll();
        req.onsuccess = () => resolve((req.result as { deleted: boolean }[]).filter((n) => !n.deleted).length);
      };
    }));
    expect(total).toBe(2401);
  } finally {
    await p.close();
  }
});

test('two server instances on one PostgreSQL database: A on one, B on the other, still sync', async () => {
  const p = await pair('postgres');
  const second = await startServer(p.place);
  try {
    const token = await addUser(p.place, 'reporter');
    const [optA, optB] = [await optionsPage(p.a), await optionsPage(p.b)];
    await connect(optA, p.server.url, token);
    await connect(optB, second.url, token);
    expect(p.server.url).not.toBe(second.url);

    await addNoteInPopup(p.a, p.pages, 'Through instance one.');
    await settled(optA);
    await syncNow(optB);
    const [note] = await notesInView(p.b);
    expect(note!.body).toBe('Through instance one.');
    await editNote(p.b, note!.id, 'Edited through instance two.');
    await settled(optB);
    await syncNow(optA);
    expect((await notesInView(p.a)).map((n) => n.body)).toEqual(['Edited through instance two.']);
  } finally {
    await second.stop();
    await p.close();
  }
});

test('a wrong token is refused with a message in words, and nothing is lost', async () => {
  const p = await pair();
  try {
    await addUser(p.place, 'reporter');
    const optA = await optionsPage(p.a);
    await addNoteInPopup(p.a, p.pages, 'Stays here.');
    await connect(optA, p.server.url, 'gls_' + 'x'.repeat(43));
    const s = await status(optA);
    expect(s.lastError).toMatch(/refused the token/);
    expect(s.pending).toBeGreaterThan(0);
    await expect(optA.locator('.sync-error')).toContainText('refused the token');
    expect((await notesInView(p.a)).map((n) => n.body)).toEqual(['Stays here.']);
  } finally {
    await p.close();
  }
});
