// Draws Gloss's icon (an SVG: lines of text with one highlighted, underlined word) at the
// sizes the browsers and stores ask for, by rendering it in the installed Chromium, and
// writes public/icon/<size>.png. Run after changing the drawing: npx tsx scripts/icons.ts
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const SIZES = [16, 32, 48, 128];

/** The drawing on a 128-unit grid; shapes are whole units so small sizes stay crisp. */
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128">
  <rect x="4" y="4" width="120" height="120" rx="26" fill="#1e3a8a"/>
  <rect x="24" y="28" width="80" height="12" rx="6" fill="#dbeafe"/>
  <rect x="24" y="58" width="24" height="12" rx="6" fill="#dbeafe"/>
  <rect x="54" y="50" width="50" height="28" rx="5" fill="#fbbf24"/>
  <rect x="54" y="82" width="50" height="8" rx="3" fill="#fde68a"/>
  <rect x="24" y="96" width="56" height="12" rx="6" fill="#dbeafe"/>
</svg>`;

const out = resolve('public/icon');
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ deviceScaleFactor: 1 });
for (const size of SIZES) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0;background:transparent">${SVG.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
  await page.locator('svg').screenshot({ path: resolve(out, `${size}.png`), omitBackground: true });
}
await browser.close();
console.log(`wrote ${SIZES.map((s) => `public/icon/${s}.png`).join(', ')}`);
