// Shared end-to-end fixtures: a fresh Chromium profile with Gloss for every test (so
// tests stand alone and pass in any order), and the test pages served over HTTP from
// tests/fixtures/pages (a stateless server, shared by a worker's tests).
import { test as base, expect } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchWithGloss, type GlossBrowser } from '../support/browser';
import { serveDirectory, type StaticServer } from '../support/server';

export const SCREENSHOTS = resolve('test-results/screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

export const GREEK_ARTICLE = '/el-demo-offshore-training.html';

export const test = base.extend<{ gloss: GlossBrowser }, { site: StaticServer }>({
  gloss: async ({}, use) => {
    const gloss = await launchWithGloss();
    await use(gloss);
    await gloss.close();
  },
  site: [
    async ({}, use) => {
      const server = await serveDirectory(resolve('tests/fixtures/pages'));
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
});

export { expect };
