// A small browser-neutral driver for end-to-end tests of the built extension: what a
// user does (open a page, move the pointer, click, type, open the popup, the options
// page or the notes view) and what a test reads (the page's painted highlights, the
// extension's IndexedDB, screenshots). Each browser implements a few primitives
// (chromium.ts over Playwright, firefox.ts over puppeteer-core and WebDriver BiDi);
// everything built on them lives here, once, so both browsers are driven the same way.

export type BrowserName = 'chromium' | 'firefox';

export interface LaunchOptions {
  /** Reuse a profile (to restart the browser on it); a new empty one by default. */
  profileDir?: string;
  /** The built extension; `.output/chrome-mv3` or `.output/firefox-mv2` by default. */
  extensionDir?: string;
}

/** A function evaluated in a page or in the extension; it is serialised, so it sees only its argument. */
export type PageFunction<A, R> = (arg: A) => R | Promise<R>;

const POLL_MS = 50;
export const DEFAULT_WAIT_MS = 10_000;

/**
 * Waits until Gloss has read the page and listens to the pointer. Gloss leaves no sign
 * of itself in the page, so each browser finds out in its own way (Tab.glossReady).
 */
export async function waitForGloss(tab: Tab, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await tab.glossReady().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for Gloss to be ready on ${tab.url}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** A function run with a closed shadow root as its first argument; serialised, so it sees only its arguments. */
export type ShadowFunction<A, R> = (root: ShadowRoot, arg: A) => R;

export interface WaitOptions {
  timeoutMs?: number;
  /** Said in the error when the wait times out. */
  what?: string;
}

export interface ElementQuery {
  /** Only elements whose text contains this. */
  hasText?: string;
}

/** One browser tab: a web page or one of the extension's pages. */
export abstract class Tab {
  #pointer = { x: 0, y: 0 };

  constructor(
    /** The address the tab was opened on. */
    readonly url: string,
  ) {}

  abstract evaluate<R, A = undefined>(fn: PageFunction<A, R>, arg?: A): Promise<R>;
  /** Whether Gloss's content script has read this document and listens to the pointer. */
  abstract glossReady(): Promise<boolean>;
  /**
   * Runs `fn` on the (closed) shadow root of the first element matching `host`, the way
   * only the browser's automation protocol can reach it; null when there is none.
   */
  abstract inShadow<R, A>(host: string, fn: ShadowFunction<A, R>, arg: A): Promise<R | null>;
  /** Makes this the tab the user looks at (background tabs get no animation frames). */
  abstract bringToFront(): Promise<void>;
  abstract setViewport(width: number, height: number): Promise<void>;
  abstract screenshot(path: string, options?: { fullPage?: boolean }): Promise<void>;
  /** Puts a file in the `<input type="file">` that `selector` names, as the file picker does. */
  abstract setInputFiles(selector: string, file: string): Promise<void>;
  abstract close(): Promise<void>;
  /** Reloads and waits until the document has loaded. */
  protected abstract reloadDocument(): Promise<void>;
  protected abstract pointerMove(x: number, y: number): Promise<void>;
  protected abstract pointerDown(): Promise<void>;
  protected abstract pointerUp(): Promise<void>;
  /** Types text as key presses into whatever has focus. */
  abstract type(text: string): Promise<void>;
  /** Presses a key or a chord, in Playwright's notation: "Enter", "Tab", "Control+Enter". */
  abstract press(key: string): Promise<void>;

  /** Reloads the page; on a web page, also waits for Gloss again. */
  async reload(): Promise<void> {
    await this.reloadDocument();
    if (/^https?:/.test(this.url)) await waitForGloss(this);
  }

  /** Moves the real pointer to (x, y) in `steps` moves from where it was. */
  async move(x: number, y: number, steps = 1): Promise<void> {
    const from = this.#pointer;
    for (let i = 1; i <= steps; i++) {
      await this.pointerMove(Math.round(from.x + ((x - from.x) * i) / steps), Math.round(from.y + ((y - from.y) * i) / steps));
    }
    this.#pointer = { x: Math.round(x), y: Math.round(y) };
  }

  async down(): Promise<void> {
    await this.pointerDown();
  }

  async up(): Promise<void> {
    await this.pointerUp();
  }

  /** A real click at a point of the viewport. */
  async clickAt(x: number, y: number): Promise<void> {
    await this.bringToFront();
    await this.move(x, y);
    await this.pointerDown();
    await this.pointerUp();
  }

  /** A real press from one point to another, the way text is selected with a mouse. */
  async drag(from: { x: number; y: number }, to: { x: number; y: number }, steps = 8): Promise<void> {
    await this.bringToFront();
    await this.move(from.x, from.y);
    await this.pointerDown();
    await this.move(to.x, to.y, steps);
    await this.pointerUp();
  }

  /** Polls a function in the page until it returns something truthy, and returns that. */
  async waitUntil<R, A = undefined>(fn: PageFunction<A, R>, arg?: A, options: WaitOptions = {}): Promise<NonNullable<R>> {
    const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_WAIT_MS);
    let lastError: unknown;
    for (;;) {
      try {
        const value = await this.evaluate(fn, arg);
        if (value) return value as NonNullable<R>;
        lastError = undefined;
      } catch (e) {
        // A document being replaced (loading, reloading) cannot be evaluated in for a moment.
        lastError = e;
      }
      if (Date.now() > deadline) {
        const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
        throw new Error(`timed out after ${options.timeoutMs ?? DEFAULT_WAIT_MS} ms waiting for ${options.what ?? 'a condition'} in ${this.url}${why}`);
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  /** Waits until an element matching `selector` (and the query) is shown, and returns its text. */
  async waitFor(selector: string, query: ElementQuery = {}, options: WaitOptions = {}): Promise<string> {
    const found = await this.waitUntil(shown, { selector, hasText: query.hasText ?? null, hidden: false }, { what: `${selector}${query.hasText ? ` with "${query.hasText}"` : ''}`, ...options });
    return found.text;
  }

  /** Waits until no element matching `selector` is shown. */
  async waitForHidden(selector: string, options: WaitOptions = {}): Promise<void> {
    await this.waitUntil(shown, { selector, hasText: null, hidden: true }, { what: `${selector} to be hidden`, ...options });
  }

  /** The text of every element matching `selector`, shown or not, in document order. */
  async texts(selector: string): Promise<string[]> {
    return this.evaluate((s) => [...document.querySelectorAll(s)].map((e) => e.textContent ?? ''), selector);
  }

  /** A real click in the middle of the element (scrolled into view first). */
  async click(selector: string, query: ElementQuery = {}): Promise<void> {
    await this.waitFor(selector, query);
    const at = await this.evaluate(
      ({ selector, hasText }) => {
        const el = [...document.querySelectorAll(selector)].find((e) => hasText === null || (e.textContent ?? '').includes(hasText))!;
        el.scrollIntoView({ block: 'center', inline: 'center' });
        const r = el.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      },
      { selector, hasText: query.hasText ?? null },
    );
    await this.clickAt(at.x, at.y);
  }

  /** Clicks a field and types into it. */
  async fill(selector: string, text: string): Promise<void> {
    await this.click(selector);
    await this.type(text);
  }
}

/**
 * Runs in the page: the text of the first element matching that is shown (a box on
 * screen, not hidden by style); with `hidden`, a truthy value when there is none.
 */
function shown({ selector, hasText, hidden }: { selector: string; hasText: string | null; hidden: boolean }): { text: string } | null {
  for (const el of document.querySelectorAll(selector)) {
    if (hasText !== null && !(el.textContent ?? '').includes(hasText)) continue;
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.display !== 'none') return hidden ? null : { text: el.textContent ?? '' };
  }
  return hidden ? { text: '' } : null;
}

/** A browser with the built extension installed, on a profile of its own. */
export abstract class Gloss {
  constructor(
    readonly browser: BrowserName,
    /** The profile folder; launching again with it restarts the browser on the same data. */
    readonly profileDir: string,
    /** `chrome-extension://ID` or `moz-extension://UUID`. */
    readonly extensionOrigin: string,
  ) {}

  /** Opens a new tab on `url` and waits until the document has loaded. */
  abstract newTab(url: string): Promise<Tab>;
  /** Evaluates a function in the extension's own context (its IndexedDB, storage.session, APIs). */
  abstract inExtension<R, A = undefined>(fn: PageFunction<A, R>, arg?: A): Promise<R>;
  /** Errors thrown in the extension's code and reported by the browser, so far. */
  abstract errors(): string[];
  /** Closes the browser; the profile stays for a later launch. */
  abstract close(): Promise<void>;

  /** Opens a web page and waits until Gloss has scanned and painted it. */
  async openArticle(url: string): Promise<Tab> {
    const tab = await this.newTab(url);
    await waitForGloss(tab);
    return tab;
  }

  /** The toolbar popup for a tab, opened as a page of its own at the popup's size. */
  async openPopup(article: Tab): Promise<Tab> {
    const tabId = await this.tabIdOf(article.url);
    const popup = await this.newTab(`${this.extensionOrigin}/popup.html?tab=${tabId}`);
    await popup.setViewport(380, 600);
    return popup;
  }

  async openOptions(): Promise<Tab> {
    const tab = await this.newTab(`${this.extensionOrigin}/options.html`);
    await tab.waitFor('#sync-title');
    return tab;
  }

  async openNotesView(): Promise<Tab> {
    return this.newTab(`${this.extensionOrigin}/notes.html`);
  }

  /**
   * The id of the tab showing `url`, found where Gloss keeps what each tab mentions
   * (Gloss has no "tabs" permission, so tab URLs are not visible to the extension).
   * Resolves once the page's mentions have been reported.
   */
  async tabIdOf(url: string, timeoutMs = DEFAULT_WAIT_MS): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const id = await this.inExtension(async (target) => {
        // `browser` in Firefox, `chrome` in Chromium (both promise-based here).
        const g = globalThis as any;
        const all = (await (g.browser ?? g.chrome).storage.session.get(null)) as Record<string, { url?: string }>;
        const key = Object.keys(all).find((k) => k.startsWith('tab:') && all[k]?.url === target);
        return key === undefined ? null : Number(key.slice(4));
      }, url);
      if (id !== null) return id;
      if (Date.now() > deadline) throw new Error(`Gloss has no report from a tab showing ${url}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /**
   * What the browser does when the reader presses one of Gloss's keyboard shortcuts on a
   * tab: it calls the background's command listener with the command and the tab. A test
   * cannot press browser-level shortcuts (neither Playwright's nor WebDriver BiDi's keys
   * reach them), so this calls that same listener, which the background exposes in its
   * own scope (the service worker in Chromium, the background page in Firefox).
   */
  async shortcut(command: string, tab: Tab): Promise<void> {
    const tabId = await this.tabIdOf(tab.url);
    await this.inExtension(
      async ({ command, tabId }) => {
        const g = globalThis as any;
        const background = typeof g.glossCommand === 'function' ? g : await g.browser.runtime.getBackgroundPage();
        background.glossCommand(command, { id: tabId });
      },
      { command, tabId },
    );
  }

  /** Every record of an IndexedDB object store of the extension's database. */
  async storedRecords<T>(store: string): Promise<T[]> {
    return this.inExtension(
      (name) =>
        new Promise<T[]>((resolve, reject) => {
          const open = indexedDB.open('gloss');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const req = open.result.transaction(name).objectStore(name).getAll();
            req.onsuccess = () => {
              open.result.close();
              resolve(req.result as T[]);
            };
            req.onerror = () => reject(req.error);
          };
        }),
      store,
    );
  }
}

export interface PaintedMention {
  kind: string;
  text: string;
}

/** What the page's CSS highlight registry holds for Gloss's mentions, in document order. */
export function paintedMentions(tab: Tab): Promise<PaintedMention[]> {
  return tab.evaluate(() => {
    const out: { kind: string; text: string; node: Node; offset: number }[] = [];
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith('gloss-') || name === 'gloss-note') continue;
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

/** The text of every range Gloss paints as the quote of a note. */
export function paintedQuotes(tab: Tab): Promise<string[]> {
  return tab.evaluate(() => {
    const h = CSS.highlights.get('gloss-note');
    if (!h) return [];
    return [...h].map((r) => {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      return range.toString();
    });
  });
}
