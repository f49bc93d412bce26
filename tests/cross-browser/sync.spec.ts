// Sync between the two browsers through a real sync server process: a note made in
// Chromium appears in Firefox (anchored to its quote there), and an edit made in
// Firefox appears in Chromium.
import { join } from 'node:path';
import { paintedQuotes, type Gloss, type Tab } from '../support/driver';
import { addUser, createPlace, startServer } from '../server/support';
import { expect, test } from '../both/fixtures';
import { clickAddNote, dragSelect, quoteWordAt, SENTENCE, story, syncStatus, waitForCard, type StoredNote } from '../both/support';

test.describe.configure({ timeout: 120_000 });

/**
 * Turns sync on in the options page. In Firefox through the form, as a reader does: it
 * asks for the server's origin (granted without a prompt by the driver's pref) and then
 * sends the settings. Headless Chromium cannot answer that prompt, so there the test sends
 * the privileged request the form sends once the reader has allowed it, from the options
 * page itself (as tests/e2e/sync-support.ts does).
 */
async function connect(gloss: Gloss, options: Tab, url: string, token: string): Promise<void> {
  if (gloss.browser === 'firefox') {
    await options.fill('.sync-form input[type="url"]', url);
    await options.fill('.sync-form input[type="password"]', token);
    await options.click('.sync-form button[type="submit"]');
    await options.waitFor('.sync [role="status"]', { hasText: 'Sync is on.' });
  } else {
    const reply = await options.evaluate(
      ({ url, token }) => (globalThis as any).chrome.runtime.sendMessage({ type: 'ui.setSync', payload: { url, token } }),
      { url, token },
    );
    expect(reply).toMatchObject({ ok: true });
    await options.reload();
  }
  await options.waitFor('.sync-url', { hasText: url });
}

/** Presses "Sync now" and waits for that sync's outcome in words; it must have worked, and leave nothing to send. */
async function syncNow(options: Tab): Promise<void> {
  // The options page clears its message when the button is pressed and says how it went
  // when done; an earlier sync's "Synced." must not count, so record what it says from now on.
  await options.evaluate(() => {
    const said = document.querySelector('.sync [role="status"]')!;
    const seen: string[] = ((window as unknown as { glossSaid: string[] }).glossSaid = []);
    new MutationObserver(() => seen.push(said.textContent ?? '')).observe(said, { subtree: true, childList: true, characterData: true });
  });
  await options.click('.sync button', { hasText: 'Sync now' });
  const outcome = await options.waitUntil(
    () => {
      const last = (window as unknown as { glossSaid: string[] }).glossSaid.at(-1);
      return last && /^(Synced\.|Last problem: )/.test(last) ? last : null;
    },
    undefined,
    { timeoutMs: 20_000, what: 'the outcome of "Sync now"' },
  );
  expect(outcome).toBe('Synced.');
  // A press during a sync under way joins it, and what changed meanwhile follows a moment later.
  await expect.poll(async () => (await syncStatus(options)).pending).toBe(0);
}

test('a note made in Chromium appears in Firefox, and an edit made in Firefox appears in Chromium', async ({ launch, site, screenshots }) => {
  const place = await createPlace('sqlite');
  const server = await startServer(place);
  try {
    const token = await addUser(place, 'reporter');
    site.routes['/story.html'] = story();
    const url = `${site.url}/story.html`;
    const [chromium, firefox] = await Promise.all([launch('chromium'), launch('firefox')]);
    const [optC, optF] = await Promise.all([chromium.openOptions(), firefox.openOptions()]);
    await connect(chromium, optC, server.url, token);
    await connect(firefox, optF, server.url, token);
    expect(await firefox.inExtension(() => (globalThis as any).browser.permissions.contains({ origins: ['http://127.0.0.1/*'] }))).toBe(true);

    // In Chromium: select the sentence, "Add note", type, Ctrl+Enter.
    const pageC = await chromium.openArticle(url);
    expect((await dragSelect(pageC, SENTENCE)).trim()).toBe(SENTENCE);
    await clickAddNote(pageC);
    await pageC.type('Ask Nvidia about the licence date.');
    await pageC.press('Control+Enter');
    await expect.poll(() => paintedQuotes(pageC)).toEqual([SENTENCE]);
    await syncNow(optC);

    // In Firefox: after a sync, the note is there, anchored to its sentence on the page.
    await syncNow(optF);
    await expect.poll(async () => (await firefox.storedRecords<StoredNote>('notes')).length).toBe(1);
    const [note] = await firefox.storedRecords<StoredNote>('notes');
    expect(note).toMatchObject({ body: 'Ask Nvidia about the licence date.', deleted: false, quote: { exact: SENTENCE } });
    const pageF = await firefox.openArticle(url);
    await expect.poll(() => paintedQuotes(pageF)).toEqual([SENTENCE]);
    const at = await quoteWordAt(pageF, 'investors');
    await pageF.move(at.x, at.y - 60);
    await pageF.move(at.x, at.y, 4);
    expect((await waitForCard(pageF)).noteBody).toBe('Ask Nvidia about the licence date.');
    await pageF.screenshot(join(screenshots, 'synced-note-in-firefox.png'));

    // In Firefox's notes view: edit the note's text.
    const view = await firefox.openNotesView();
    const item = `.note-item[data-note="${note!.id}"]`;
    await view.click(`${item} button`, { hasText: 'Edit' });
    await view.click(`${item} textarea`);
    await view.press('Control+a');
    await view.type('Asked Nvidia: April 9.');
    await view.click(`${item} button`, { hasText: 'Save note' });
    expect(await view.waitFor(`${item} > .note-body`, { hasText: 'April 9' })).toBe('Asked Nvidia: April 9.');
    await syncNow(optF);

    // In Chromium: after a sync, the edit is in the notes view and on the open page's note.
    await syncNow(optC);
    const viewC = await chromium.openNotesView();
    expect(await viewC.waitFor(`${item} > .note-body`, { hasText: 'April 9' })).toBe('Asked Nvidia: April 9.');
    await viewC.screenshot(join(screenshots, 'edit-from-firefox-in-chromium.png'), { fullPage: true });
    const again = await quoteWordAt(pageC, 'investors');
    await pageC.move(again.x, again.y - 60);
    await pageC.move(again.x, again.y, 4);
    await expect.poll(async () => (await waitForCard(pageC)).noteBody).toBe('Asked Nvidia: April 9.');
  } finally {
    await server.stop().catch(() => undefined);
    await place.drop();
  }
});
