// Hostile pages, in the parts of the content script that need no browser: reading the
// ancestors of text 100,000 elements deep, picking the topmost of changed nodes, and
// matching one long text in pieces. (The whole content script on hostile pages is
// tested in real Chromium: tests/e2e/hostile-pages.spec.ts.)
import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { findMentions, Matcher } from '../../../engine';
import { onBroadcast } from '../../../entrypoints/content/broadcasts';
import { topmost } from '../../../entrypoints/content/changes';
import { PIECE, scanInPieces } from '../../../entrypoints/content/long-text';
import { ReadableText } from '../../../entrypoints/content/page-text';
import { bundledMatcher } from '../../../scan/bundled';

const g = globalThis as Record<string, unknown>;
const saved = ['document', 'Node'].map((k) => [k, g[k]] as const);
afterEach(() => {
  for (const [k, v] of saved) g[k] = v;
});

/** A chain of `depth` nested elements under <body>, and the text node at its bottom. */
function chain(depth: number, skippedAt?: number): { doc: Document; text: Text; nodes: Element[] } {
  const { document, Node } = parseHTML('<!doctype html><html><body></body></html>') as unknown as { document: Document; Node: typeof globalThis.Node };
  g.document = document;
  g.Node = Node;
  let el: Element = document.body;
  const nodes: Element[] = [];
  for (let i = 0; i < depth; i++) {
    const next = document.createElement(i === skippedAt ? 'code' : i % 2 ? 'span' : 'div');
    el.appendChild(next);
    nodes.push(next);
    el = next;
  }
  const text = document.createTextNode('Nvidia at the bottom');
  el.appendChild(text);
  return { doc: document, text, nodes };
}

describe('a page 100,000 elements deep', () => {
  it('is read without recursion: its text is judged, and a skipped ancestor far up still counts', () => {
    const deep = chain(100_000);
    expect(new ReadableText().has(deep.text)).toBe(true);
    const skipped = chain(100_000, 10);
    const readable = new ReadableText();
    expect(readable.has(skipped.text)).toBe(false);
    // Verdicts are remembered: a sibling text far down is judged from the memo.
    const sibling = skipped.doc.createTextNode('more');
    skipped.nodes[50_000]!.appendChild(sibling);
    expect(readable.has(sibling)).toBe(false);
  });

  it('gives the topmost of changed nodes, each ancestor walked once', () => {
    const { doc, text, nodes } = chain(100_000);
    const aside = doc.createElement('aside');
    doc.body.appendChild(aside);
    const changed = new Set<Node>([text, nodes[99_000]!, nodes[40_000]!, nodes[70_000]!, aside]);
    expect(topmost(changed)).toEqual([nodes[40_000], aside]);
    expect(topmost(new Set<Node>([text]))).toEqual([text]);
  });
});

describe('one long text matched in pieces', () => {
  const matcher = bundledMatcher();
  const key = (c: { pattern: number; start: number; end: number }) => `${c.pattern}@${c.start}-${c.end}`;

  it('finds what one pass finds, across cuts, in Latin and Chinese, with turns between pieces', async () => {
    const sentence = 'Nvidia said the H20 needs an export licence; Huawei answered with the Ascend 910C. 英伟达的H20芯片。 ';
    // Repeated with a shifting pad, so that mentions (and multi-word ones) fall on the cuts.
    let text = '';
    for (let i = 0; text.length < PIECE * 6; i++) text += 'x'.repeat(i % 7) + ' ' + sentence;
    let turns = 0;
    const pieces = await scanInPieces(matcher, text, undefined, async () => {
      turns++;
      return true;
    });
    const whole = matcher.scan(text);
    expect(turns).toBeGreaterThanOrEqual(5);
    expect(pieces!.map(key)).toEqual(whole.map(key));
    expect(findMentions(matcher, text).length).toBeGreaterThan(1000);
  });

  it('starts no match inside a word at a cut, and stops when the page goes away', async () => {
    // No break anywhere near the cut: the piece ends at the cut itself, where a word goes on.
    const text = 'a'.repeat(PIECE) + 'Nvidiaaaa ' + 'b'.repeat(PIECE) + ' Nvidia';
    const pieces = await scanInPieces(matcher, text, undefined, async () => true);
    expect(pieces!.map(key)).toEqual(matcher.scan(text).map(key));
    expect(await scanInPieces(matcher, text, undefined, async () => false)).toBeUndefined();
  });
});

describe('a page with more names than it may hold', () => {
  it('keeps the first ones up to the limit, in page order, and paints only those', async () => {
    const { document, Node } = parseHTML('<!doctype html><html><body></body></html>') as unknown as { document: Document; Node: typeof globalThis.Node };
    const saved = ['Highlight', 'StaticRange', 'CSS', 'NodeFilter'].map((k) => [k, g[k]] as const);
    g.document = document;
    g.Node = Node;
    g.NodeFilter = { SHOW_TEXT: 4 };
    g.Highlight = class {
      size = 0;
      add() {
        this.size++;
        return this;
      }
      delete() {
        return true;
      }
    };
    g.StaticRange = class {
      constructor(init: object) {
        Object.assign(this, init);
      }
    };
    g.CSS = { highlights: new Map() };
    try {
      for (let i = 0; i < 300; i++) {
        const p = document.createElement('p');
        p.textContent = `Paragraph ${i}: Nvidia said the H20 needs an export licence.`;
        document.body.appendChild(p);
      }
      const { PageScanner } = await import('../../../entrypoints/content/scanner');
      const matcher = bundledMatcher();
      const counts = async (options: { maxCandidates?: number }) => {
        const scanner = new PageScanner(matcher.dict, new Set(), options);
        await scanner.scan(document.body);
        return { scanner, perParagraph: [...document.querySelectorAll('p')].map((p) => scanner.mentionsIn(p.firstChild as Text).length) };
      };
      const all = await counts({});
      const capped = await counts({ maxCandidates: 101 });
      expect(all.perParagraph.every((n) => n > 0)).toBe(true);
      // A prefix of the page, then nothing: the first paragraphs as in full, at most one cut short.
      const cut = capped.perParagraph.findIndex((n, i) => n !== all.perParagraph[i]);
      expect(cut).toBeGreaterThan(10);
      expect(capped.perParagraph.slice(cut + 1).every((n) => n === 0)).toBe(true);
      const scanner = capped.scanner;
      expect(scanner.full).toBe(true);
    } finally {
      for (const [k, v] of saved) g[k] = v;
    }
  });
});

describe('messages from the background', () => {
  it('are heard only from Gloss, and the listener goes when Gloss’s life on the page ends', async () => {
    fakeBrowser.reset();
    const heard: unknown[] = [];
    const life = new AbortController();
    onBroadcast((m) => heard.push(m), life.signal);
    expect(fakeBrowser.runtime.onMessage.hasListeners()).toBe(true);
    await fakeBrowser.runtime.onMessage.trigger({ type: 'gloss.notesChanged' }, { id: fakeBrowser.runtime.id }, () => undefined);
    await fakeBrowser.runtime.onMessage.trigger({ type: 'gloss.notesChanged' }, { id: 'another-extension' }, () => undefined);
    expect(heard).toEqual([{ type: 'gloss.notesChanged' }]);
    life.abort();
    expect(fakeBrowser.runtime.onMessage.hasListeners()).toBe(false);
  });
});
