// The driver in Debian's Chromium, over Playwright: the built `.output/chrome-mv3`
// loaded unpacked into a persistent profile, as tests/support/browser.ts does.

import type { BrowserContext, Page, Worker } from '@playwright/test';
import { inGloss, inShadowRoot, launchWithGloss } from '../browser';
import { Gloss, Tab, type LaunchOptions, type PageFunction, type ShadowFunction } from './driver';

// Playwright's own typing of evaluate() (argument unboxing) adds nothing here.
type Loose = (arg: any) => any;

class ChromiumTab extends Tab {
  constructor(
    url: string,
    readonly page: Page,
  ) {
    super(url);
  }

  evaluate<R, A = undefined>(fn: PageFunction<A, R>, arg?: A): Promise<R> {
    return this.page.evaluate(fn as Loose, arg) as Promise<R>;
  }

  async glossReady(): Promise<boolean> {
    return (await inGloss(this.page, 'globalThis.gloss?.ready === true')) === true;
  }

  async inShadow<R, A>(host: string, fn: ShadowFunction<A, R>, arg: A): Promise<R | null> {
    return (await inShadowRoot(this.page, host, `function (arg) { return (${fn.toString()})(this, arg); }`, [arg])) as R | null;
  }

  async bringToFront(): Promise<void> {
    await this.page.bringToFront();
  }

  async setViewport(width: number, height: number): Promise<void> {
    await this.page.setViewportSize({ width, height });
  }

  async screenshot(path: string, options: { fullPage?: boolean } = {}): Promise<void> {
    await this.page.screenshot({ path, fullPage: options.fullPage ?? false });
  }

  async setInputFiles(selector: string, file: string): Promise<void> {
    await this.page.locator(selector).setInputFiles(file);
  }

  async close(): Promise<void> {
    await this.page.close();
  }

  protected async reloadDocument(): Promise<void> {
    await this.page.reload();
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

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }
}

class ChromiumGloss extends Gloss {
  readonly #errors: string[] = [];

  constructor(
    profileDir: string,
    readonly context: BrowserContext,
    readonly worker: Worker,
    extensionId: string,
  ) {
    super('chromium', profileDir, `chrome-extension://${extensionId}`);
    // Uncaught errors in the extension's pages (the popup, options, notes view).
    context.on('weberror', (e) => {
      const url = e.page()?.url() ?? '';
      if (url.startsWith(this.extensionOrigin)) this.#errors.push(`${url}: ${e.error().message}`);
    });
  }

  async newTab(url: string): Promise<Tab> {
    const page = await this.context.newPage();
    await page.goto(url);
    return new ChromiumTab(url, page);
  }

  inExtension<R, A = undefined>(fn: PageFunction<A, R>, arg?: A): Promise<R> {
    // The service worker is the extension's own context.
    return this.worker.evaluate(fn as Loose, arg) as Promise<R>;
  }

  errors(): string[] {
    return [...this.#errors];
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

export async function launchChromium(options: LaunchOptions = {}): Promise<Gloss> {
  const launched = await launchWithGloss({ userDataDir: options.profileDir, extensionDir: options.extensionDir });
  return new ChromiumGloss(launched.userDataDir, launched.context, launched.worker, launched.extensionId);
}
