// Helpers for the sync tests: two browsers with Gloss, each pointed at a real sync
// server process, driven through the options page, the popup and the notes view.
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import type { GlossBrowser } from '../support/browser';

export interface SyncStatusView {
  configured: boolean;
  pending: number;
  lastError?: string;
  lastSync?: number;
}

/** The options page of one browser (opened once, kept for the test). */
export async function optionsPage(gloss: GlossBrowser): Promise<Page> {
  const page = await gloss.context.newPage();
  await page.goto(`chrome-extension://${gloss.extensionId}/options.html`);
  await expect(page.locator('#sync-title')).toBeVisible();
  return page;
}

/**
 * Turns sync on. The options form first asks the browser for the server's host
 * permission, a prompt a headless browser cannot answer; so the test sends the same
 * privileged request the form sends once the user has allowed it, from the options
 * page itself (the only place the background accepts it from).
 */
export async function connect(options: Page, url: string, token: string): Promise<SyncStatusView> {
  const reply = await options.evaluate(
    ({ url, token }) => (globalThis as any).chrome.runtime.sendMessage({ type: 'ui.setSync', payload: { url, token } }),
    { url, token },
  );
  expect(reply).toMatchObject({ ok: true });
  await options.reload();
  return (reply as { result: SyncStatusView }).result;
}

export async function status(options: Page): Promise<SyncStatusView> {
  const reply = (await options.evaluate(() => (globalThis as any).chrome.runtime.sendMessage({ type: 'ui.syncStatus', payload: {} }))) as { ok: boolean; result: SyncStatusView };
  return reply.result;
}

/** Presses "Sync now" in the options page and waits for the outcome in words. */
export async function syncNow(options: Page): Promise<void> {
  const said = options.locator('.sync [role="status"]');
  await options.getByRole('button', { name: 'Sync now' }).click();
  // The message is cleared when the button is pressed and says how it went when done.
  await expect(said).toHaveText(/^(Synced\.|Last problem: .+)$/);
}

/** Waits until nothing is waiting to be sent and the last sync worked. */
export async function settled(options: Page): Promise<void> {
  await expect.poll(async () => {
    const s = await status(options);
    return s.pending === 0 && !s.lastError && s.lastSync !== undefined;
  }, { timeout: 20_000 }).toBe(true);
}

export interface ViewNote {
  id: string;
  body: string;
  revisions: string[];
}

/** What the notes view lists, in its order. */
export async function notesInView(gloss: GlossBrowser): Promise<ViewNote[]> {
  const page = await gloss.context.newPage();
  try {
    await page.goto(`chrome-extension://${gloss.extensionId}/notes.html`);
    await expect(page.locator('.notes-head .muted')).toHaveText(/\d+ notes/);
    return await page.locator('.note-item').evaluateAll((items) =>
      items.map((el) => ({
        id: el.getAttribute('data-note')!,
        body: el.querySelector(':scope > .note-body')?.textContent ?? '',
        revisions: [...el.querySelectorAll('.note-revision .note-body')].map((r) => r.textContent ?? ''),
      })),
    );
  } finally {
    await page.close();
  }
}
