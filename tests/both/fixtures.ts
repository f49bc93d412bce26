// Fixtures of the suite that runs in both browsers (Playwright projects "chromium" and
// "firefox", the option `glossBrowser`) and of the cross-browser tests: a fresh profile
// with the built extension for every browser a test launches, closed afterwards and
// checked for errors thrown in the extension's code; and the test pages over HTTP.
import { test as base, expect } from '@playwright/test';
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchGloss, type BrowserName, type Gloss, type LaunchOptions } from '../support/driver';
import { serveDirectory } from '../support/server';

export const GREEK_ARTICLE = '/el-demo-offshore-training.html';

export interface Site {
  url: string;
  /** Pages a test writes itself (path → HTML), answered before the files of tests/fixtures/pages. */
  routes: Record<string, string>;
}

interface Fixtures {
  /** Starts one more browser with Gloss (the project's browser unless named); closed after the test. */
  launch(browser?: BrowserName, options?: LaunchOptions): Promise<Gloss>;
  /** The project's browser with Gloss, on a fresh profile. */
  gloss: Gloss;
  site: Site;
  /** Where this test saves screenshots: test-results/screenshots/<project>/. */
  screenshots: string;
}

export const test = base.extend<Fixtures, { glossBrowser: BrowserName }>({
  glossBrowser: ['chromium', { option: true, scope: 'worker' }],

  launch: async ({ glossBrowser }, use) => {
    const launched: Gloss[] = [];
    const profiles = new Set<string>();
    await use(async (browser = glossBrowser, options = {}) => {
      const gloss = await launchGloss(browser, options);
      launched.push(gloss);
      profiles.add(gloss.profileDir);
      return gloss;
    });
    const errors = launched.flatMap((g) => g.errors().map((e) => `${g.browser}: ${e}`));
    await Promise.all(launched.map((g) => g.close().catch(() => undefined)));
    for (const dir of profiles) rmSync(dir, { recursive: true, force: true });
    expect(errors, 'errors thrown in the extension').toEqual([]);
  },

  gloss: async ({ launch }, use) => {
    await use(await launch());
  },

  site: async ({}, use) => {
    const routes: Record<string, string> = {};
    const server = await serveDirectory(resolve('tests/fixtures/pages'), routes);
    await use({ url: server.url, routes });
    await server.close();
  },

  screenshots: async ({}, use, testInfo) => {
    const dir = resolve('test-results/screenshots', testInfo.project.name);
    mkdirSync(dir, { recursive: true });
    await use(dir);
  },
});

export { expect };
