// Launching Debian's Chromium with the built extension loaded, as a user would have it.

import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from '@playwright/test';
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
  /** The page's language (navigator.language, Accept-Language); by default uiLanguage, else en-US. */
  locale?: string;
  /**
   * The browser's UI language, e.g. "el" or "zh-CN": it picks Gloss's _locales. Chromium on
   * Linux takes it from --lang (the LANGUAGE variable alone does not change it).
   */
  uiLanguage?: string;
  extensionDir?: string;
  /** Reuse a profile (to restart the browser on it); a new empty one by default. */
  userDataDir?: string;
  /** Leave the welcome page Gloss opens on install; by default it is closed, as a reader would, before the test starts. */
  keepWelcome?: boolean;
}

export async function launchWithGloss(options: LaunchOptions = {}): Promise<GlossBrowser & { userDataDir: string }> {
  const dir = options.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`no built extension in ${dir}: run "npx wxt build" first`);
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: run scripts/ensure-chromium.sh`);
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'gloss-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: options.headless ?? true,
    locale: options.locale ?? options.uiLanguage ?? 'en-US',
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
      ...(options.uiLanguage ? [`--lang=${options.uiLanguage}`] : []),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  // A new profile is an install: Gloss opens its welcome page, which would take the
  // focus from the pages a test opens next. The reader reads it and closes it.
  if (!options.userDataDir && !options.keepWelcome) {
    const welcome = `chrome-extension://${extensionId}/welcome.html`;
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
      const page = context.pages().find((p) => p.url() === welcome);
      if (page) {
        await page.close();
        break;
      }
    }
  }
  return { context, worker, extensionId, userDataDir, close: () => context.close() };
}

/** Opens a page and waits until Gloss has scanned and painted it. */
export async function openArticle(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await waitForGloss(page);
  return page;
}

// Gloss leaves no sign of itself in the page's DOM. Tests reach it the way only a
// debugger can: over the DevTools protocol, in the content script's isolated world
// (named after the extension) and inside the card's closed shadow root.

interface World {
  cdp: CDPSession;
  /** Execution contexts of Gloss's isolated world, per frame. */
  contexts: Map<string, number>;
  mainFrame: string;
}
const worlds = new WeakMap<Page, Promise<World>>();

function worldOf(page: Page): Promise<World> {
  let world = worlds.get(page);
  if (!world) {
    world = (async () => {
      const cdp = await page.context().newCDPSession(page);
      const contexts = new Map<string, number>();
      cdp.on('Runtime.executionContextCreated', ({ context }) => {
        const aux = context.auxData as { type?: string; frameId?: string } | undefined;
        if (aux?.type === 'isolated' && context.name === 'Gloss' && aux.frameId) contexts.set(aux.frameId, context.id);
      });
      cdp.on('Runtime.executionContextDestroyed', ({ executionContextId }) => {
        for (const [frame, id] of contexts) if (id === executionContextId) contexts.delete(frame);
      });
      cdp.on('Runtime.executionContextsCleared', () => contexts.clear());
      const { frameTree } = await cdp.send('Page.getFrameTree');
      await cdp.send('Runtime.enable');
      return { cdp, contexts, mainFrame: frameTree.frame.id };
    })();
    worlds.set(page, world);
  }
  return world;
}

/** Evaluates an expression in Gloss's content-script world of the page's main frame (undefined until it exists). */
export async function inGloss(page: Page, expression: string): Promise<unknown> {
  const { cdp, contexts, mainFrame } = await worldOf(page);
  const contextId = contexts.get(mainFrame);
  if (contextId === undefined) return undefined;
  const result = await cdp.send('Runtime.evaluate', { expression, contextId, awaitPromise: true, returnByValue: true }).catch(() => undefined);
  if (!result || result.exceptionDetails) return undefined;
  return result.result.value;
}

/** Waits until Gloss has read the page and listens to the pointer (after a load or a reload). */
export async function waitForGloss(page: Page, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await inGloss(page, 'globalThis.gloss?.ready === true')) !== true) {
    if (Date.now() > deadline) throw new Error(`Gloss did not start on ${page.url()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface CardElement {
  text: string;
  attributes: Record<string, string>;
  box: { x: number; y: number; width: number; height: number };
}

/**
 * The elements matching `selector` in Gloss's card while it is shown (none while it is
 * hidden), read through the card's closed shadow root. `reveal` scrolls the first one
 * into view inside the card first (a long card scrolls), as a reader would before clicking.
 */
export async function cardElements(page: Page, selector: string, options: { reveal?: boolean } = {}): Promise<CardElement[]> {
  const found = await inShadowRoot(
    page,
    'gloss-card',
    `function (selector, reveal) {
      const layer = this.querySelector('.gloss-layer');
      if (!layer || getComputedStyle(layer).visibility !== 'visible') return [];
      if (reveal) this.querySelector(selector)?.scrollIntoView({ block: 'nearest' });
      return [...this.querySelectorAll(selector)].map((el) => {
        const r = el.getBoundingClientRect();
        return { text: el.textContent, attributes: Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])), box: { x: r.x, y: r.y, width: r.width, height: r.height } };
      }).filter((e) => e.box.width > 0 && e.box.height > 0);
    }`,
    [selector, options.reveal === true],
  );
  return (found as CardElement[] | null) ?? [];
}

/**
 * Calls a function (given as source, with `this` bound to the root) on the shadow root
 * of the first element matching `host`, open or closed, over the DevTools protocol.
 */
export async function inShadowRoot(page: Page, host: string, functionDeclaration: string, args: unknown[]): Promise<unknown> {
  const { cdp } = await worldOf(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: host });
  if (!nodeId) return null;
  const { node } = await cdp.send('DOM.describeNode', { nodeId, depth: 1, pierce: true });
  const shadow = node.shadowRoots?.[0];
  if (!shadow) return null;
  const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
  const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
    objectId: object.objectId!,
    functionDeclaration,
    arguments: args.map((value) => ({ value })),
    returnByValue: true,
  });
  await cdp.send('Runtime.releaseObject', { objectId: object.objectId! });
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
  return result.value;
}

/** The shadow root mode of Gloss's card host, as the DevTools protocol reports it. */
export async function cardShadowMode(page: Page): Promise<string | undefined> {
  const { cdp } = await worldOf(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'gloss-card' });
  if (!nodeId) return undefined;
  const { node } = await cdp.send('DOM.describeNode', { nodeId, depth: 1, pierce: true });
  return node.shadowRoots?.[0]?.shadowRootType;
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
