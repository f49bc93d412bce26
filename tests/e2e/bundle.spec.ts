import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';

// What every page pays for: the content script as built, before any lazily loaded UI.
const BUDGET_GZIP_BYTES = 20 * 1024;

test('the content script stays within its 20 kB gzip budget', () => {
  const dir = '.output/chrome-mv3/content-scripts';
  const files = readdirSync(dir).filter((f) => f.endsWith('.js') || f.endsWith('.css'));
  const sizes = files.map((f) => ({ file: f, raw: statSync(join(dir, f)).size, gzip: gzipSync(readFileSync(join(dir, f)), { level: 9 }).length }));
  const total = sizes.reduce((n, s) => n + s.gzip, 0);
  console.log(`content script: ${sizes.map((s) => `${s.file} ${s.raw} B raw, ${s.gzip} B gzip`).join('; ')}; total ${total} B gzip of ${BUDGET_GZIP_BYTES}`);
  expect(total, `content script is ${total} B gzip, budget ${BUDGET_GZIP_BYTES}`).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
});
