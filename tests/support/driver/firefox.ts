// The driver in Debian's Firefox ESR, over puppeteer-core and WebDriver BiDi (no
// geckodriver): the built `.output/firefox-mv2` installed as a temporary add-on into a
// profile of the test's own.

import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type KeyInput, type Page } from 'puppeteer-core';
import { articleUrl } from '../../../model';
import { Gloss, Tab, type LaunchOptions, type PageFunction, type ShadowFunction } from './driver';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/lib/firefox-esr/firefox-esr';
const EXTENSION_DIR = resolve(process.env.GLOSS_FIREFOX_EXTENSION_DIR ?? '.output/firefox-mv2');

/**
 * The add-on's internal UUID, fixed per profile so its `moz-extension://` origin (and
 * with it its IndexedDB) is the same when the browser is started again on the profile.
 */
function uuidFor(profileDir: string): string {
  const h = createHash('sha256').update(profileDir).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// puppeteer's own typing of evaluate() (a tuple of arguments) adds nothing here.
type Loose = (arg: any) => any;

/**
 * The page's WebDriver BiDi browsing context, for the two commands used as they are:
 * navigating without waiting, and setting the viewport alone (puppeteer's setViewport
 * also sends emulation.setScreenOrientationOverride, which ESR 140 does not know).
 */
function bidi(page: Page): {
  id: string;
  navigate(url: string, wait: 'none'): Promise<unknown>;
  setViewport(options: { viewport: { width: number; height: number } }): Promise<unknown>;
  userContext: { browser: { session: { send(method: string, params: object): Promise<{ result: any }> } } };
} {
  return (page.mainFrame() as unknown as { browsingContext: ReturnType<typeof bidi> }).browsingContext;
}

interface RemoteValue {
  type: string;
  value?: unknown;
  sharedId?: string;
}

/** A remote value as plain data (what WebDriver BiDi serialises scripts' results into). */
function plain(v: RemoteValue): unknown {
  switch (v.type) {
    case 'undefined':
    case 'null':
      return null;
    case 'array':
      return (v.value as RemoteValue[]).map(plain);
    case 'object':
      return Object.fromEntries((v.value as [string | RemoteValue, RemoteValue][]).map(([k, x]) => [typeof k === 'string' ? k : String(plain(k)), plain(x)]));
    default:
      return v.value;
  }
}

class FirefoxTab extends Tab {
  constructor(
    url: string,
    readonly page: Page,
    private readonly gloss: FirefoxGloss,
  ) {
    super(url);
  }

  evaluate<R, A = undefined>(fn: PageFunction<A, R>, arg?: A): Promise<R> {
    return this.page.evaluate(fn as Loose, arg) as Promise<R>;
  }

  /** When this document was asked for, ms: Gloss's report about it comes after. */
  #loadedAt = Date.now();

  /**
   * Firefox's automation protocol cannot reach an extension's content-script world, so
   * readiness is read where Gloss records it: the report the content script sends once
   * it has read the page and listens to the pointer, for this document's article.
   */
  async glossReady(): Promise<boolean> {
    const meta = await this.evaluate(() => ({
      url: location.href,
      canonical: document.querySelector('link[rel~="canonical" i]')?.getAttribute('href') ?? undefined,
      ogUrl: document.querySelector('meta[property="og:url" i]')?.getAttribute('content') ?? undefined,
    }));
    const article = articleUrl(meta).href;
    return this.gloss.inExtension(
      async ({ article, since }) => {
        const g = globalThis as any;
        const all = (await (g.browser ?? g.chrome).storage.session.get(null)) as Record<string, { url?: string; updatedAt?: number }>;
        return Object.entries(all).some(([k, v]) => k.startsWith('tab:') && v?.url === article && (v.updatedAt ?? 0) >= since);
      },
      { article, since: this.#loadedAt - 1000 },
    );
  }

  async inShadow<R, A>(host: string, fn: ShadowFunction<A, R>, arg: A): Promise<R | null> {
    const context = bidi(this.page);
    const session = context.userContext.browser.session;
    // Serialising the host with its shadow tree ("all" includes closed roots) names the root.
    const found = await session.send('script.callFunction', {
      functionDeclaration: '(host) => document.querySelector(host)',
      arguments: [{ type: 'string', value: host }],
      awaitPromise: false,
      target: { context: context.id },
      serializationOptions: { maxDomDepth: 0, includeShadowTree: 'all' },
    });
    const root = (found.result.result?.value as { shadowRoot?: RemoteValue } | undefined)?.shadowRoot;
    if (!root?.sharedId) return null;
    const ran = await session.send('script.callFunction', {
      functionDeclaration: `function (json) { return (${fn.toString()})(this, JSON.parse(json)); }`,
      this: { sharedId: root.sharedId },
      arguments: [{ type: 'string', value: JSON.stringify(arg ?? null) }],
      awaitPromise: true,
      target: { context: context.id },
    });
    if (ran.result.type === 'exception') throw new Error(ran.result.exceptionDetails?.text ?? 'script failed in the shadow root');
    return plain(ran.result.result) as R;
  }

  async bringToFront(): Promise<void> {
    await this.gloss.activate(this.page);
  }

  async setViewport(width: number, height: number): Promise<void> {
    await bidi(this.page).setViewport({ viewport: { width, height } });
  }

  async screenshot(path: string, options: { fullPage?: boolean } = {}): Promise<void> {
    await this.bringToFront();
    await this.page.screenshot({ path: path as `${string}.png`, fullPage: options.fullPage ?? false });
  }

  async setInputFiles(selector: string, file: string): Promise<void> {
    await this.waitFor(selector, {}, { what: selector }).catch(() => undefined);
    const input = (await this.page.$(selector)) as ElementHandle<HTMLInputElement> | null;
    if (!input) throw new Error(`no ${selector} in ${this.url}`);
    await input.uploadFile(resolve(file));
  }

  async close(): Promise<void> {
    await this.page.close();
  }

  protected async reloadDocument(): Promise<void> {
    this.#loadedAt = Date.now();
    if (/^https?:/.test(this.url)) {
      await this.page.reload();
      return;
    }
    // Firefox sends no load event to the driver for moz-extension:// documents: mark the
    // old document, reload it from inside, and wait for a loaded one without the mark.
    await this.page.evaluate(() => {
      (window as unknown as { __glossOld: boolean }).__glossOld = true;
      setTimeout(() => location.reload(), 0);
    });
    await this.waitUntil(() => !(window as unknown as { __glossOld?: boolean }).__glossOld && document.readyState === 'complete', undefined, { what: 'the page to reload' });
  }

  protected async pointerMove(x: number, y: number): Promise<void> {
    await this.page.mouse.move(x, y);
  }

  protected async pointerDown(): Promise<void> {
    await this.page.mouse.down();
  }

  protected async pointerUp(): Promise<void> {
    await this.page.mouse.up();
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  async press(chord: string): Promise<void> {
    const keys = chord.split('+') as KeyInput[];
    const key = keys.pop()!;
    for (const modifier of keys) await this.page.keyboard.down(modifier);
    await this.page.keyboard.press(key);
    for (const modifier of keys.reverse()) await this.page.keyboard.up(modifier);
  }
}

class FirefoxGloss extends Gloss {
  readonly #errors: string[] = [];
  #front?: Page;
  #helper?: Promise<Page>;

  constructor(
    profileDir: string,
    readonly instance: Browser,
    uuid: string,
  ) {
    super('firefox', profileDir, `moz-extension://${uuid}`);
    // With the console prefs below, Firefox writes uncaught errors to its stderr as
    // "JavaScript error: URL, line N: message"; keep those from the add-on's own files.
    let pending = '';
    const onOutput = (chunk: Buffer) => {
      const lines = (pending + chunk.toString('utf8')).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.includes('JavaScript error: ' + this.extensionOrigin)) this.#errors.push(line.trim());
    };
    // Both streams are pipes: read them, or Firefox blocks once a pipe is full.
    instance.process()?.stdout?.on('data', onOutput);
    instance.process()?.stderr?.on('data', onOutput);
  }

  async newTab(url: string): Promise<Tab> {
    const page = await this.instance.newPage();
    this.#front = page;
    if (url.startsWith('moz-extension:')) {
      // Firefox sends the driver no load event for moz-extension:// documents, so
      // page.goto() would wait forever: navigate without waiting, then look.
      await bidi(page).navigate(url, 'none');
      const tab = new FirefoxTab(url, page, this);
      await tab.waitUntil((u) => location.href === u && document.readyState === 'complete', url, { what: 'the page to load' });
      return tab;
    }
    await page.goto(url);
    return new FirefoxTab(url, page, this);
  }

  /** Shows a tab; background tabs get no animation frames, so hovering them does nothing. */
  async activate(page: Page): Promise<void> {
    if (this.#front === page) return;
    await page.bringToFront();
    this.#front = page;
  }

  async inExtension<R, A = undefined>(fn: PageFunction<A, R>, arg?: A): Promise<R> {
    // An extension page in a background tab, opened once: the extension's own context
    // (its IndexedDB and storage), without taking the user's tab away.
    this.#helper ??= (async () => {
      const page = await this.instance.newPage({ background: true });
      const url = `${this.extensionOrigin}/popup.html?tab=-1`;
      await bidi(page).navigate(url, 'none');
      await new FirefoxTab(url, page, this).waitUntil(() => location.protocol === 'moz-extension:' && document.readyState === 'complete', undefined, { what: 'an extension page to load' });
      return page;
    })();
    const page = await this.#helper;
    return page.evaluate(fn as Loose, arg) as Promise<R>;
  }

  errors(): string[] {
    return [...this.#errors];
  }

  async close(): Promise<void> {
    await this.instance.close();
  }
}

export async function launchFirefox(options: LaunchOptions = {}): Promise<Gloss> {
  const dir = resolve(options.extensionDir ?? EXTENSION_DIR);
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`no built add-on in ${dir}: run "npx wxt build -b firefox" first`);
  if (!existsSync(FIREFOX)) throw new Error(`no Firefox at ${FIREFOX}: run scripts/ensure-firefox.sh`);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { browser_specific_settings: { gecko: { id: string } } };
  const addonId = manifest.browser_specific_settings.gecko.id;
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'gloss-firefox-profile-'));
  const uuid = uuidFor(profileDir);
  const instance = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profileDir,
    defaultViewport: { width: 1280, height: 900 },
    // Lets the driver open the add-on's own pages (moz-extension://) in tabs.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [addonId]: uuid }),
      // The user's "Allow" to an optional permission request (the sync server's
      // origin): a headless browser has no one to click the doorhanger.
      'extensions.webextOptionalPermissionPrompts': false,
      // Uncaught errors and console output to stdout/stderr, read by FirefoxGloss.
      'devtools.console.stdout.chrome': true,
      'devtools.console.stdout.content': true,
      'browser.dom.window.dump.enabled': true,
    },
  });
  try {
    await instance.installExtension(dir);
  } catch (e) {
    await instance.close();
    throw e;
  }
  const gloss = new FirefoxGloss(profileDir, instance, uuid);
  const [first] = await instance.pages();
  if (first) await gloss.activate(first);
  return gloss;
}
