// Launching Debian's Chromium with the built extension loaded, as a user would have it.

import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const EXTENSION_DIR = resolve(process.env.GLOSS_EXTENSION_DIR ?? '.output/chrome-mv3');

export interface GlossBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

export interface LaunchOptions {
  headless?: boolean;
  locale?: string;
  extensionDir?: string;
  /** Reuse a profile (to restart the browser on it); a new empty one by default. */
  userDataDir?: string;
}

export async function launchWithGloss(options: LaunchOptions = {}): Promise<GlossBrowser & { userDataDir: string }> {
  const dir = options.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`no built extension in ${dir}: run "npx wxt build" first`);
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: run scripts/ensure-chromium.sh`);
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'gloss-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: options.headless ?? true,
    locale: options.locale ?? 'en-US',
    viewport: { width: 1280, height: 900 },
    args: [
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  return { context, worker, extensionId, userDataDir, close: () => context.close() };
}

/** Opens a page and waits until Gloss has scanned and painted it. */
export async function openArticle(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('html[data-gloss-ready]', { state: 'attached', timeout: 15_000 });
  return page;
}

export interface PaintedMention {
  kind: string;
  text: string;
}

/** What the page's CSS highlight registry holds for Gloss, in document order. */
export function paintedMentions(page: Page): Promise<PaintedMention[]> {
  return page.evaluate(() => {
    const out: { kind: string; text: string; node: Node; offset: number }[] = [];
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith('gloss-')) continue;
      for (const r of highlight as Highlight) {
        const range = r as AbstractRange;
        out.push({
          kind: name.slice(6),
          text: (range.startContainer as Text).data.slice(range.startOffset, range.endOffset),
          node: range.startContainer,
          offset: range.startOffset,
        });
      }
    }
    out.sort((a, b) => {
      if (a.node === b.node) return a.offset - b.offset;
      return a.node.compareDocumentPosition(b.node) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
    return out.map(({ kind, text }) => ({ kind, text }));
  });
}

/**
 * The id of the tab showing `url`, found where Gloss keeps what each tab mentions
 * (Gloss has no "tabs" permission, so tab URLs are not visible to the extension).
 * Resolves once the page's mentions have been reported.
 */
export async function tabIdOf(worker: Worker, url: string, timeoutMs = 10_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const id = await worker.evaluate(async (target) => {
      const all = (await (globalThis as any).chrome.storage.session.get(null)) as Record<string, { url?: string }>;
      const key = Object.keys(all).find((k) => k.startsWith('tab:') && all[k]?.url === target);
      return key === undefined ? undefined : Number(key.slice(4));
    }, url);
    if (id !== undefined) return id;
    if (Date.now() > deadline) throw new Error(`Gloss has no report from a tab showing ${url}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
