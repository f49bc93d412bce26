// A page for the content script's PageScanner in Node: linkedom's DOM put where the
// scanner expects the browser's globals, and the CSS Highlight API (which only paints)
// replaced by a recorder. Each test file that loads a page restores the globals after
// every test (restorePageGlobals in an afterEach).
import { parseHTML } from 'linkedom';

export class RecordingHighlight {
  /** Every highlight made since the last reset, in the order they were made. */
  static all: RecordingHighlight[] = [];
  readonly ranges = new Set<unknown>();
  constructor() {
    RecordingHighlight.all.push(this);
  }
  add(r: unknown): this {
    this.ranges.add(r);
    return this;
  }
  delete(r: unknown): boolean {
    return this.ranges.delete(r);
  }
  clear(): void {
    this.ranges.clear();
  }
  get size(): number {
    return this.ranges.size;
  }
}

class PlainStaticRange {
  constructor(init: object) {
    Object.assign(this, init);
  }
}

const g = globalThis as Record<string, unknown>;
const saved = ['document', 'Node', 'NodeFilter', 'Highlight', 'StaticRange', 'CSS'].map((k) => [k, g[k]] as const);

/** Puts a parsed page where the content script expects the browser's globals. */
export function loadPage(html: string): Document {
  const window = parseHTML(html) as unknown as { document: Document; Node: typeof Node };
  g.document = window.document;
  g.Node = window.Node;
  g.NodeFilter = { SHOW_TEXT: 4, SHOW_ELEMENT: 1 };
  g.Highlight = RecordingHighlight;
  g.StaticRange = PlainStaticRange;
  g.CSS = { highlights: new Map() };
  RecordingHighlight.all = [];
  return window.document;
}

/** Puts the globals back as they were before the first page was loaded. */
export function restorePageGlobals(): void {
  for (const [k, v] of saved) g[k] = v;
}
