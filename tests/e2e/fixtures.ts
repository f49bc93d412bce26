// Shared end-to-end fixtures: one Chromium with Gloss per worker, and the test pages
// served over HTTP from tests/fixtures/pages (plus per-test routes).
import { test as base, expect } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchWithGloss, type GlossBrowser } from '../support/browser';
import { serveDirectory, type StaticServer } from '../support/server';

export const SCREENSHOTS = resolve('test-results/screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

export const GREEK_ARTICLE = '/el-demo-offshore-training.html';

export const test = base.extend<object, { gloss: GlossBrowser; site: StaticServer }>({
  gloss: [
    async ({}, use) => {
      const gloss = await launchWithGloss();
      await use(gloss);
      await gloss.close();
    },
    { scope: 'worker' },
  ],
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
