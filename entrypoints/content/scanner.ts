// Finds and paints the mentions on a page. The first scan walks the whole body in
// slices of a few milliseconds; after that only what changes is rescanned. Every
// mention is kept per text node, for hover hit-testing and for removal when the node
// changes or leaves the page.

import { Matcher, PageContext, type Candidate, type CompiledDictionary } from '../../engine';
import { hasSkippedParent, isRendered, ReadableText, yieldToPage } from './page-text';

/** Longest stretch of work before giving the page a turn: about a frame, far below a long task (50 ms). */
const SLICE_MS = 16;
const SKIP_CHECK_LENGTH = 200;

/** A mention on the page: the matcher's candidate, completed with its entity and range. */
export interface FoundMention extends Candidate {
  /** Index into the dictionary's entities. */
  entity: number;
  /** Its place in the page; the text node is range.startContainer. */
  range: StaticRange;
}

export interface ScanStats {
  nodes: number;
  chars: number;
  /** Longest stretch of scanning without giving the page a turn, in ms. */
  longestSliceMs: number;
}

export class PageScanner {
  readonly dict: CompiledDictionary;
  private readonly matcher: Matcher;
  private context: PageContext;
  private readonly highlights: Highlight[];
  private readonly byNode = new Map<Text, FoundMention[]>();
  /** Ambiguous candidates waiting for context, per node. */
  private readonly waiting = new Map<Text, Candidate[]>();
  private muted: Uint8Array;
  private readonly readable = new ReadableText();
  /** The node the last mention was added to, and its list (mentions come node by node). */
  private lastNode?: Text;
  private lastList?: FoundMention[];
  readonly stats: ScanStats = { nodes: 0, chars: 0, longestSliceMs: 0 };

  constructor(dict: CompiledDictionary, muted: ReadonlySet<string>) {
    this.dict = dict;
    this.matcher = new Matcher(dict);
    this.context = new PageContext(dict);
    this.muted = this.mutedMask(muted);
    this.highlights = dict.kinds.map(() => new Highlight());
  }

  /**
   * Shows the highlights. Until then ranges collect off-screen: registering them only
   * after the first full scan means the page repaints highlights once, not at every
   * slice of the scan.
   */
  show(): void {
    this.dict.kinds.forEach((kind, i) => CSS.highlights.set(`gloss-${kind}`, this.highlights[i]!));
  }

  /** Scans every text node under root, yielding to the page between slices. */
  async scan(root: Node, signal?: AbortSignal): Promise<void> {
    this.readable.clear();
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const matcher = this.matcher;
    const known = this.context.knownContexts;
    let sliceStart = performance.now();
    let count = 0;
    let chars = 0;
    let grew = false;
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      if ((++count & 63) === 0) {
        const elapsed = performance.now() - sliceStart;
        if (elapsed > SLICE_MS) {
          this.stats.longestSliceMs = Math.max(this.stats.longestSliceMs, elapsed);
          await yieldToPage();
          if (signal?.aborted) return;
          sliceStart = performance.now();
        }
      }
      const text = node.data;
      // Script and style text is long; skip it before matching (short text costs little
      // and is judged with its ancestors if something is found in it).
      if (text.length > SKIP_CHECK_LENGTH && hasSkippedParent(node)) continue;
      chars += text.length;
      const candidates = matcher.scan(text, known);
      if (candidates.length > 0) grew = this.found(node, candidates) || grew;
    }
    this.stats.nodes += count;
    this.stats.chars += chars;
    if (grew) this.recheckWaiting();
    this.stats.longestSliceMs = Math.max(this.stats.longestSliceMs, performance.now() - sliceStart);
  }

  /** Rescans nodes whose text changed and subtrees that were added. */
  async rescan(nodes: Iterable<Node>, signal?: AbortSignal): Promise<void> {
    this.readable.clear();
    for (const node of nodes) {
      if (signal?.aborted) return;
      if (!node.isConnected) continue;
      if (node.nodeType === Node.TEXT_NODE) {
        this.forget(node as Text);
        if (!hasSkippedParent(node) && this.scanNode(node as Text, (node as Text).data)) this.recheckWaiting();
      } else {
        await this.scan(node, signal);
      }
    }
  }

  /** Drops mentions in text nodes that are no longer in the document. */
  sweep(): void {
    for (const node of this.byNode.keys()) if (!node.isConnected) this.forget(node);
    for (const node of this.waiting.keys()) if (!node.isConnected) this.waiting.delete(node);
  }

  /** Removes everything (for a new article in a single-page app). */
  reset(): void {
    for (const node of [...this.byNode.keys()]) this.forget(node);
    this.waiting.clear();
    this.context = new PageContext(this.dict);
  }

  setMuted(muted: ReadonlySet<string>): void {
    this.muted = this.mutedMask(muted);
    for (const h of this.highlights) h.clear();
    for (const list of this.byNode.values()) for (const m of list) this.paint(m);
  }

  /** The painted mention under a text position, if any. */
  mentionsIn(node: Text): readonly FoundMention[] {
    return this.byNode.get(node) ?? [];
  }

  isMuted(entity: number): boolean {
    return this.muted[entity] === 1;
  }

  /** Mentions per entity (not muted, still on the page and rendered), with the first text seen. */
  summary(): { entity: string; count: number; text: string }[] {
    const out = new Map<number, { entity: string; count: number; text: string }>();
    const rendered = new Map<Element, boolean>();
    for (const [node, list] of this.byNode) {
      if (!node.isConnected || !isRendered(node, rendered)) continue;
      for (const m of list) {
        if (this.muted[m.entity]) continue;
        const row = out.get(m.entity);
        if (row) row.count++;
        else out.set(m.entity, { entity: this.dict.entities[m.entity]!, count: 1, text: node.data.slice(m.start, m.end) });
      }
    }
    return [...out.values()];
  }

  private scanNode(node: Text, text: string): boolean {
    this.stats.nodes++;
    this.stats.chars += text.length;
    const candidates = this.matcher.scan(text, this.context.knownContexts);
    return candidates.length > 0 && this.found(node, candidates);
  }

  /** Takes in what the matcher found in one text node; true if the page context grew. */
  private found(node: Text, candidates: Candidate[]): boolean {
    if (!this.readable.has(node)) return false;
    const grew = this.context.observe(candidates);
    let waiting: Candidate[] | undefined;
    for (const c of candidates) {
      if (this.dict.patRole[c.pattern] !== 0) continue;
      const pattern = this.context.resolve(c);
      if (pattern !== undefined) this.add(node, c, pattern);
      else (waiting ??= []).push(c);
    }
    if (waiting) this.waiting.set(node, waiting);
    return grew;
  }

  private recheckWaiting(): void {
    for (const [node, list] of this.waiting) {
      const still = list.filter((c) => {
        const pattern = this.context.resolve(c);
        if (pattern === undefined) return true;
        this.add(node, c, pattern);
        return false;
      });
      if (still.length === 0) this.waiting.delete(node);
      else this.waiting.set(node, still);
    }
  }

  private add(node: Text, c: Candidate, pattern: number): void {
    // The candidate becomes the mention record: one object per mention, not two.
    const m = c as FoundMention;
    m.entity = this.dict.patRef[pattern]!;
    m.range = new StaticRange({ startContainer: node, startOffset: c.start, endContainer: node, endOffset: c.end });
    if (this.lastNode === node) {
      this.lastList!.push(m);
      this.paint(m);
      return;
    }
    let list = this.byNode.get(node);
    if (list) list.push(m);
    else this.byNode.set(node, (list = [m]));
    this.lastNode = node;
    this.lastList = list;
    this.paint(m);
  }

  private paint(m: FoundMention): void {
    if (!this.muted[m.entity]) this.highlights[this.dict.entityKind[m.entity]!]!.add(m.range);
  }

  private forget(node: Text): void {
    if (this.lastNode === node) this.lastNode = this.lastList = undefined;
    const list = this.byNode.get(node);
    if (list) {
      for (const m of list) this.highlights[this.dict.entityKind[m.entity]!]!.delete(m.range);
      this.byNode.delete(node);
    }
    this.waiting.delete(node);
  }

  private mutedMask(muted: ReadonlySet<string>): Uint8Array {
    const mask = new Uint8Array(this.dict.entities.length);
    this.dict.entities.forEach((id, i) => {
      if (muted.has(id)) mask[i] = 1;
    });
    return mask;
  }
}
