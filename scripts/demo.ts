// make demo: serves the demo articles on 127.0.0.1 and opens Chromium with Gloss on
// the Greek article. With a display it stays open until the browser is closed; without
// one (or with HEADLESS=1) it saves screenshots under demo-output/, prints what it
// found, and exits.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cardElements, launchWithGloss, openArticle, paintedMentions, tabIdOf } from '../tests/support/browser';
import { serveDirectory } from '../tests/support/server';

const OUT = resolve('demo-output');
const ARTICLE = '/el-demo-offshore-training.html';
const ENGLISH = '/en-semafor-offshore-training.html';

const headless = process.env.HEADLESS === '1' || (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY);
const site = await serveDirectory(resolve('tests/fixtures/pages'));
const gloss = await launchWithGloss({ headless });
const url = site.url + ARTICLE;
const page = await openArticle(gloss.context, url);

const painted = await paintedMentions(page);
const byKind = new Map<string, Map<string, number>>();
for (const m of painted) {
  const texts = byKind.get(m.kind) ?? new Map<string, number>();
  texts.set(m.text, (texts.get(m.text) ?? 0) + 1);
  byKind.set(m.kind, texts);
}
console.log(`Gloss highlighted ${painted.length} mentions on ${url}`);
for (const [kind, texts] of byKind) console.log(`  ${kind.padEnd(8)} ${[...texts].map(([t, n]) => (n > 1 ? `${t} ×${n}` : t)).join(', ')}`);

if (!headless) {
  console.log(`\nChromium is open with Gloss on the Greek article. Hover a highlight to see its card;`);
  console.log(`the English article is at ${site.url + ENGLISH}. Close the browser window to stop.`);
  await new Promise<void>((done) => gloss.context.on('close', () => done()));
  await site.close();
  process.exit(0);
}

mkdirSync(OUT, { recursive: true });
await page.screenshot({ path: join(OUT, 'article.png') });

// Hover the first "H20" and photograph its card.
const point = await page.evaluate(() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const i = (n as Text).data.search(/H20(?![0-9])/);
    if (i < 0) continue;
    // Near the top of the window, so that the card has room to open below it.
    (n.parentElement as HTMLElement).scrollIntoView({ block: 'start' });
    window.scrollBy(0, -80);
    const r = document.createRange();
    r.setStart(n, i);
    r.setEnd(n, i + 3);
    const box = r.getBoundingClientRect();
    return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  }
  return null;
});
if (point) {
  await page.mouse.move(point.x, point.y - 30);
  await page.mouse.move(point.x, point.y, { steps: 4 });
  for (let i = 0; i < 100 && (await cardElements(page, '.gloss-card[role="dialog"]')).length === 0; i++) await page.waitForTimeout(100);
  await page.screenshot({ path: join(OUT, 'hover-card.png') });
}

const tabId = await tabIdOf(gloss.worker, url);
const popup = await gloss.context.newPage();
await popup.setViewportSize({ width: 380, height: 600 });
for (let i = 0; i < 20; i++) {
  await popup.goto(`chrome-extension://${gloss.extensionId}/popup.html?tab=${tabId}`);
  if (await popup.locator('.mention-row').first().isVisible({ timeout: 1000 }).catch(() => false)) break;
}
await popup.screenshot({ path: join(OUT, 'popup.png'), fullPage: true });
console.log(`\nScreenshots: ${['article.png', 'hover-card.png', 'popup.png'].map((f) => join('demo-output', f)).join(', ')}`);
await gloss.close();
await site.close();
