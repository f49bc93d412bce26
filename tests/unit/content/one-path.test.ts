// One path: the content script's PageScanner and the scan command resolve a page
// through the same engine function, so what the quality gate measures is what a
// reader sees. This runs the real PageScanner (entrypoints/content/scanner.ts) on a
// DOM parsed from every fixture page and compares what it paints with what
// `npm run scan` reports, mention for mention, in page order. The DOM is linkedom's;
// the CSS Highlight API, which only paints, is replaced by a recorder.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeDictionary, encodeDictionary } from '../../../engine';
import { PageScanner } from '../../../entrypoints/content/scanner';
import { bundledMatcher } from '../../../scan/bundled';
import { scanHtml } from '../../../scan/scan';
import { loadPage, restorePageGlobals } from './fake-page';

afterEach(restorePageGlobals);

/** What the scanner paints, in document order, as (entity, text). */
function painted(scanner: PageScanner, doc: Document): { entity: string; text: string }[] {
  const out: { entity: string; text: string }[] = [];
  const walker = doc.createTreeWalker(doc.body, 4);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    for (const m of scanner.mentionsIn(node)) out.push({ entity: scanner.dict.entities[m.entity]!, text: node.data.slice(m.start, m.end) });
  }
  return out;
}

const matcher = bundledMatcher();
// The dictionary as a page receives it: encoded in the background, decoded in the tab.
const shipped = () => decodeDictionary(encodeDictionary(matcher.dict));
const reported = (html: string) => scanHtml(matcher, html).map(({ entity, text }) => ({ entity, text }));
const PAGES = ['tests/fixtures/pages', 'tests/fixtures/holdout', 'tests/fixtures/holdout-2', 'tests/fixtures/holdout-3'].flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => join(dir, f)),
);

describe('the content script and the scan command', () => {
  it('cover every fixture page', () => {
    expect(PAGES.length).toBeGreaterThanOrEqual(62);
  });

  it.each(PAGES)('give the same mentions on %s', async (page) => {
    const html = readFileSync(page, 'utf8');
    const doc = loadPage(html);
    const scanner = new PageScanner(shipped(), new Set());
    await scanner.scan(doc.body);
    expect(painted(scanner, doc)).toEqual(reported(html));
  });

  it('still agree after the page changes: first mentions move, off-topic pages stay silent', async () => {
    const html = readFileSync('tests/fixtures/holdout-2/en-capitolwire-gain-ai-act-dropped.html', 'utf8');
    const doc = loadPage(html);
    const scanner = new PageScanner(shipped(), new Set());
    await scanner.scan(doc.body);
    const trumps = () => painted(scanner, doc).filter((m) => m.entity === 'donald-trump');
    expect(trumps()).toHaveLength(1);

    // A later paragraph naming Trump again: not painted (first mention only).
    const late = doc.createElement('p');
    late.textContent = 'Trump spoke again about Nvidia chips.';
    doc.body.querySelector('.body')!.appendChild(late);
    await scanner.rescan([late]);
    expect(trumps()).toHaveLength(1);
    expect(painted(scanner, doc)).toEqual(reported(doc.documentElement.outerHTML));

    // The paragraph with the first mention goes away: the later one becomes the first.
    const first = [...doc.body.querySelectorAll('.body p')].find((p) => p.textContent!.includes('President Trump'))!;
    first.remove();
    scanner.sweep();
    expect(trumps()).toEqual([{ entity: 'donald-trump', text: 'Trump' }]);
    expect(painted(scanner, doc)).toEqual(reported(doc.documentElement.outerHTML));
  });

  it('shows every mention of people, places and agencies when the setting asks for it', async () => {
    const html = readFileSync('tests/fixtures/pages/el-demo-offshore-training.html', 'utf8');
    const doc = loadPage(html);
    const all = new PageScanner(shipped(), new Set(), { firstMentionOnly: false });
    await all.scan(doc.body);
    const everyMention = scanHtml(matcher, html, { firstMentionOnly: false }).map(({ entity, text }) => ({ entity, text }));
    expect(painted(all, doc)).toEqual(everyMention);
    expect(everyMention.length).toBeGreaterThan(reported(html).length);
  });
});
