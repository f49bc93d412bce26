// Finds and paints the mentions on a page. The first scan walks the whole body in
// slices of a few milliseconds; after that only what changes is rescanned. Every
// mention is kept per text node, for hover hit-testing and for removal when the node
// changes or leaves the page.

import { Matcher, PageContext, type Candidate, type CompiledDictionary } from '../../engine';
import { hasSkippedParent, isReadableText, yieldToPage } from './page-text';

/** Longest stretch of work before giving the page a turn. */
const SLICE_MS = 8;

export interface FoundMention {
  node: Text;
  start: number;
  end: number;
  /** Index into the dictionary's entities. */
  entity: number;
  range: StaticRange;
}

export interface ScanStats {
  nodes: number;
  chars: number;
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
  readonly stats: ScanStats = { nodes: 0, chars: 0 };

  constructor(dict: CompiledDictionary, muted: ReadonlySet<string>) {
    this.dict = dict;
    this.matcher = new Matcher(dict);
    this.context = new PageContext(dict);
    this.muted = this.mutedMask(muted);
    this.highlights = dict.kinds.map((kind) => {
      const h = new Highlight();
      CSS.highlights.set(`gloss-${kind}`, h);
      return h;
    });
  }

  /** Scans every text node under root, yielding to the page between slices. */
  async scan(root: Node, signal?: AbortSignal): Promise<void> {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let sliceStart = performance.now();
    let count = 0;
    let grew = false;
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      if ((++count & 63) === 0 && performance.now() - sliceStart > SLICE_MS) {
        await yieldToPage();
        if (signal?.aborted) return;
        sliceStart = performance.now();
      }
      if (hasSkippedParent(node)) continue;
      grew = this.scanNode(node) || grew;
    }
    if (grew) this.recheckWaiting();
  }

  /** Rescans nodes whose text changed and subtrees that were added. */
  async rescan(nodes: Iterable<Node>, signal?: AbortSignal): Promise<void> {
    for (const node of nodes) {
      if (signal?.aborted) return;
      if (!node.isConnected) continue;
      if (node.nodeType === Node.TEXT_NODE) {
        this.forget(node as Text);
        if (!hasSkippedParent(node) && this.scanNode(node as Text)) this.recheckWaiting();
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

  /** Mentions per entity (not muted, still on the page), with the first text seen. */
  summary(): { entity: string; count: number; text: string }[] {
    const out = new Map<number, { entity: string; count: number; text: string }>();
    for (const [node, list] of this.byNode) {
      if (!node.isConnected) continue;
      for (const m of list) {
        if (this.muted[m.entity]) continue;
        const row = out.get(m.entity);
        if (row) row.count++;
        else out.set(m.entity, { entity: this.dict.entities[m.entity]!, count: 1, text: node.data.slice(m.start, m.end) });
      }
    }
    return [...out.values()];
  }

  private scanNode(node: Text): boolean {
    const text = node.data;
    this.stats.nodes++;
    this.stats.chars += text.length;
    const candidates = this.matcher.scan(text);
    if (candidates.length === 0 || !isReadableText(node)) return false;
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
    const m: FoundMention = {
      node,
      start: c.start,
      end: c.end,
      entity: this.dict.patRef[pattern]!,
      range: new StaticRange({ startContainer: node, startOffset: c.start, endContainer: node, endOffset: c.end }),
    };
    const list = this.byNode.get(node);
    if (list) list.push(m);
    else this.byNode.set(node, [m]);
    this.paint(m);
  }

  private paint(m: FoundMention): void {
    if (!this.muted[m.entity]) this.highlights[this.dict.entityKind[m.entity]!]!.add(m.range);
  }

  private forget(node: Text): void {
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
