// The reader's highlight settings in the content script's PageScanner: "first mention of
// each entity" and kinds switched off. Real scanner and dictionary on a linkedom DOM;
// the CSS Highlight API, which only paints, is replaced by a recorder.
import { afterEach, describe, expect, it } from 'vitest';
import { decodeDictionary, encodeDictionary } from '../../../engine';
import { PageScanner } from '../../../entrypoints/content/scanner';
import { bundledMatcher } from '../../../scan/bundled';
import { loadPage, RecordingHighlight, restorePageGlobals } from './fake-page';

afterEach(restorePageGlobals);

const PAGE = `<!doctype html><html><body><p>Nvidia shares rose after the H20 news.</p>
<p>Nvidia said the H20 sells well, and Huawei answered with the Ascend 910C.</p></body></html>`;

const dict = () => decodeDictionary(encodeDictionary(bundledMatcher().dict));

/** Painted ranges' texts, per highlight (kind), in the order they were painted. */
function paintedTexts(): string[] {
  return RecordingHighlight.all.flatMap((h) => [...h.ranges].map((r) => {
    const range = r as { startContainer: Text; startOffset: number; endOffset: number };
    return range.startContainer.data.slice(range.startOffset, range.endOffset);
  }));
}

async function scan(options: ConstructorParameters<typeof PageScanner>[2]) {
  const doc = loadPage(PAGE);
  const scanner = new PageScanner(dict(), new Set(), options);
  await scanner.scan(doc.body);
  return scanner;
}

describe('reader settings in the page scanner', () => {
  it('paints every mention by default', async () => {
    const scanner = await scan({});
    expect(paintedTexts().sort()).toEqual(['Ascend 910C', 'H20', 'H20', 'Huawei', 'Nvidia', 'Nvidia']);
    expect(scanner.reachable().length).toBe(6);
  });

  it('paints only the first mention of each entity in mode "first"', async () => {
    const scanner = await scan({ firstOfEach: true });
    expect(paintedTexts().sort()).toEqual(['Ascend 910C', 'H20', 'Huawei', 'Nvidia']);
    expect(scanner.reachable().map((m) => scanner.dict.entities[m.entity])).toEqual(['nvidia', 'h20', 'huawei', 'ascend-910c']);
  });

  it('leaves kinds switched off unpainted and unreachable, but still counted', async () => {
    const scanner = await scan({ hiddenKinds: new Set(['chip']) });
    expect(paintedTexts().sort()).toEqual(['Huawei', 'Nvidia', 'Nvidia']);
    expect(scanner.reachable().map((m) => scanner.dict.entities[m.entity])).toEqual(['nvidia', 'nvidia', 'huawei']);
    expect(scanner.summary().map((s) => s.entity).sort()).toEqual(['ascend-910c', 'h20', 'huawei', 'nvidia']);
  });
});
