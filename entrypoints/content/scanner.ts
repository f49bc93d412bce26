// Finds and paints the mentions on a page. The first scan walks the whole body in
// slices of a few milliseconds, collecting what the matcher finds per text node; then
// engine/page.ts resolves the page (ambiguity, topic gate, first mentions), the same
// function the scan command and the quality gate use. After that only what changes is
// rescanned, and the page is resolved again from the stored candidates (cheap: no
// text is read again). Every painted mention is kept per text node, for hover
// hit-testing and for removal when the node changes or leaves the page.

import { Matcher, resolvePage, type Candidate, type CompiledDictionary, type Topic } from '../../engine';
import { PIECE, scanInPieces } from './long-text';
import { hasSkippedParent, isRendered, ReadableText, yieldToPage } from './page-text';
import { adoptStyles, showHighlight } from './paint';

/** Longest stretch of work before giving the page a turn: about a frame, far below a long task (50 ms). */
const SLICE_MS = 16;
/**
 * Painting may run on past a reading slice, up to this, before giving the page a turn:
 * still well below a long task, and most pages are then painted in the task that
 * finished reading them (a turn costs a frame of waiting).
 */
const PAINT_SLICE_MS = 2 * SLICE_MS;
const SKIP_CHECK_LENGTH = 200;
const STYLE_NODE_LIMIT = 100_000;

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

export interface ScannerOptions {
  /**
   * Show people, places and agencies at their first mention only (the default). The
   * setting "show every mention" passes false.
   */
  firstMentionOnly?: boolean;
  /**
   * Entities of private packs: found, listed and hoverable, but never painted, since the
   * page can read every painted range (docs/decisions/0010-hostile-pages-and-private-packs.md).
   */
  hidden?: ReadonlySet<string>;
  /**
   * Most candidates kept for the page (default: all). Each change to a highlight makes
   * Chromium revisit every painted range, and resolution runs over every candidate: a
   * page with tens of thousands of names is read up to this many.
   */
  maxCandidates?: number;
  /** The reader's highlight mode "first": only the first mention of each entity, whatever its kind. */
  firstOfEach?: boolean;
  /** Kinds the reader switched off: not painted, not hoverable, not reached from the keyboard. */
  hiddenKinds?: ReadonlySet<string>;
  /** Called for each open shadow root found (its text is read like the document's). */
  shadowRoot?: (root: ShadowRoot) => void;
}

export class PageScanner {
  readonly dict: CompiledDictionary;
  private readonly matcher: Matcher;
  private readonly firstMentionOnly: boolean;
  private readonly highlights: Highlight[];
  /** What the matcher found in each text node that has anything, in document order. */
  private runs = new Map<Text, Candidate[]>();
  /** Whether nodes were added to `runs` out of document order since the last resolution. */
  private unordered = false;
  /** Context words seen on the page since the last reset (the matcher reports each once). */
  private known: Uint8Array;
  private readonly byNode = new Map<Text, FoundMention[]>();
  private muted: Uint8Array;
  private readonly hidden: Uint8Array;
  /** Entities of kinds the reader switched off. */
  private readonly kindOff: Uint8Array;
  private readonly firstOfEach: boolean;
  private readonly onShadowRoot?: (root: ShadowRoot) => void;
  /** Open shadow roots whose text is read, for hit-testing inside them. */
  readonly shadowRoots = new Set<ShadowRoot>();
  private shown = false;
  private readonly maxCandidates: number;
  /** Candidates kept in `runs`. */
  private kept = 0;
  /** The resolution being painted; a newer one replaces it. */
  private painting?: object;
  private readonly readable = new ReadableText();
  private lastTopic: Topic = { onTopic: false, mentions: 0, entities: 0, beyondBrands: false };
  readonly stats: ScanStats = { nodes: 0, chars: 0, longestSliceMs: 0 };

  constructor(dict: CompiledDictionary, muted: ReadonlySet<string>, options: ScannerOptions = {}) {
    this.dict = dict;
    this.matcher = new Matcher(dict);
    this.firstMentionOnly = options.firstMentionOnly !== false;
    this.known = new Uint8Array(dict.contexts.length);
    this.muted = this.mutedMask(muted);
    this.hidden = this.mutedMask(options.hidden ?? new Set());
    const offKinds = options.hiddenKinds ?? new Set();
    this.kindOff = Uint8Array.from(dict.entityKind, (k) => (offKinds.has(dict.kinds[k]!) ? 1 : 0));
    this.firstOfEach = options.firstOfEach === true;
    this.onShadowRoot = options.shadowRoot;
    this.maxCandidates = options.maxCandidates ?? Infinity;
    this.highlights = dict.kinds.map(() => new Highlight());
  }

  /** Whether the page is about the topic, and on how much evidence (docs/decisions/0007-topic-gate.md). */
  get topic(): Topic {
    return this.lastTopic;
  }

  /**
   * Shows the highlights. Until then ranges collect off-screen: registering them only
   * after the first full scan means the page repaints highlights once, not at every
   * slice of the scan.
   */
  show(): void {
    this.shown = true;
    // Only kinds with something to paint are registered: an empty registry entry would
    // tell every page that Gloss is installed.
    this.dict.kinds.forEach((kind, i) => {
      if (this.highlights[i]!.size > 0) showHighlight(`gloss-${kind}`, this.highlights[i]!);
    });
  }

  /** Takes this scanner's highlights out of the page's registry (another scanner took its place). */
  hide(): void {
    this.shown = false;
    this.dict.kinds.forEach((kind, i) => {
      if (CSS.highlights.get(`gloss-${kind}`) === this.highlights[i]) CSS.highlights.delete(`gloss-${kind}`);
    });
  }

  /** Scans every text node under root, yielding to the page between slices, then resolves the page. */
  async scan(root: Node, signal?: AbortSignal): Promise<void> {
    this.readable.clear();
    const since = await this.collect(root, signal);
    // Painting continues the slice reading ended in.
    if (since !== undefined) await this.resolve(since);
  }

  /** Rescans nodes whose text changed and subtrees that were added. */
  async rescan(nodes: Iterable<Node>, signal?: AbortSignal): Promise<void> {
    this.readable.clear();
    for (const node of nodes) {
      if (signal?.aborted) return;
      if (!node.isConnected) continue;
      if (node.nodeType === Node.TEXT_NODE) {
        const text = node as Text;
        this.forget(text);
        if (!hasSkippedParent(text) && !(await this.scanNode(text, signal))) return;
      } else if ((await this.collect(node, signal)) === undefined) return;
    }
    this.unordered = true;
    await this.resolve();
  }

  /** Drops the mentions of these text nodes and leaves them unread (text that will not settle). */
  drop(nodes: Iterable<Text>): void {
    let dropped = false;
    for (const node of nodes) {
      if (!this.runs.has(node)) continue;
      this.forget(node);
      dropped = true;
    }
    if (dropped) void this.resolve();
  }

  /** Drops mentions in text nodes that are no longer in the document. */
  sweep(): void {
    let dropped = false;
    for (const node of [...this.runs.keys()]) {
      if (node.isConnected) continue;
      this.forget(node);
      dropped = true;
    }
    // A page that lost its evidence may fall off topic; one that lost a first mention shows the next.
    if (dropped) void this.resolve();
  }

  /** Removes everything (for a new article in a single-page app). */
  reset(): void {
    for (const node of [...this.runs.keys()]) this.forget(node);
    this.runs = new Map();
    this.kept = 0;
    this.known = new Uint8Array(this.dict.contexts.length);
    this.lastTopic = { onTopic: false, mentions: 0, entities: 0, beyondBrands: false };
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

  /** Whether the reader keeps this entity off the page: muted, or of a kind switched off. */
  isMuted(entity: number): boolean {
    return this.muted[entity] === 1 || this.kindOff[entity] === 1;
  }

  /** The mentions the reader can reach (hover or keyboard), in document order. */
  reachable(): FoundMention[] {
    const out: FoundMention[] = [];
    for (const node of this.runs.keys()) for (const m of this.byNode.get(node) ?? []) if (!this.isMuted(m.entity) && node.isConnected) out.push(m);
    return out;
  }

  /**
   * Mentions per entity (still on the page and rendered), with the first text seen. Muted
   * entities and kinds switched off count too: the popup lists them, marked, to bring back.
   */
  summary(): { entity: string; count: number; text: string }[] {
    const out = new Map<number, { entity: string; count: number; text: string }>();
    const rendered = new Map<Element, boolean>();
    // On a page of hundreds of thousands of nodes one question about style can force a
    // style pass over parts the browser skips (content-visibility): there, all counts.
    const askStyle = this.stats.nodes <= STYLE_NODE_LIMIT;
    for (const [node, list] of this.byNode) {
      if (!node.isConnected || (askStyle && !isRendered(node, rendered))) continue;
      for (const m of list) {
        const row = out.get(m.entity);
        if (row) row.count++;
        else out.set(m.entity, { entity: this.dict.entities[m.entity]!, count: 1, text: node.data.slice(m.start, m.end) });
      }
    }
    return [...out.values()];
  }

  /** Walks the text under root and stores what the matcher finds; the start of its last slice, or undefined if aborted. */
  private async collect(root: Node, signal?: AbortSignal): Promise<number | undefined> {
    // Elements too, for the open shadow roots of web components (read after the rest).
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    const matcher = this.matcher;
    const known = this.known;
    const roots: ShadowRoot[] = [];
    let sliceStart = performance.now();
    let count = 0;
    let chars = 0;
    for (let next = walker.nextNode(); next && !this.full; next = walker.nextNode()) {
      if ((++count & 63) === 0) {
        const elapsed = performance.now() - sliceStart;
        if (elapsed > SLICE_MS) {
          this.stats.longestSliceMs = Math.max(this.stats.longestSliceMs, elapsed);
          await yieldToPage();
          if (signal?.aborted) return undefined;
          sliceStart = performance.now();
        }
      }
      if (next.nodeType !== Node.TEXT_NODE) {
        const shadow = (next as Element).shadowRoot;
        if (shadow && !this.shadowRoots.has(shadow)) roots.push(shadow);
        continue;
      }
      const node = next as Text;
      const text = node.data;
      // Script and style text is long; skip it before matching (short text costs little
      // and is judged with its ancestors if something is found in it).
      if (text.length > SKIP_CHECK_LENGTH && hasSkippedParent(node)) continue;
      chars += text.length;
      let candidates: Candidate[] | undefined;
      if (text.length > PIECE) {
        candidates = await this.piecewise(text, signal);
        if (!candidates) return undefined;
        sliceStart = performance.now();
        // Changed while it was read: the mutation observer brings it back.
        if (node.data !== text) continue;
      } else candidates = matcher.scan(text, known);
      if (candidates.length > 0) this.store(node, candidates);
    }
    this.stats.nodes += count;
    this.stats.chars += chars;
    this.stats.longestSliceMs = Math.max(this.stats.longestSliceMs, performance.now() - sliceStart);
    for (const shadow of roots) {
      this.shadowRoots.add(shadow);
      this.onShadowRoot?.(shadow);
      this.unordered = true;
      const since = await this.collect(shadow, signal);
      if (since === undefined) return undefined;
      sliceStart = since;
    }
    return sliceStart;
  }

  /** Scans one changed text node; false if aborted. */
  private async scanNode(node: Text, signal?: AbortSignal): Promise<boolean> {
    const text = node.data;
    this.stats.nodes++;
    this.stats.chars += text.length;
    const candidates = text.length > PIECE ? await this.piecewise(text, signal) : this.matcher.scan(text, this.known);
    if (!candidates) return false;
    if (candidates.length > 0 && node.data === text) this.store(node, candidates);
    return true;
  }

  /** Long text, matched in pieces with the page's turns between them (long-text.ts). */
  private piecewise(text: string, signal?: AbortSignal): Promise<Candidate[] | undefined> {
    let sliceStart = performance.now();
    return scanInPieces(this.matcher, text, this.known, async () => {
      const elapsed = performance.now() - sliceStart;
      if (elapsed > SLICE_MS) {
        this.stats.longestSliceMs = Math.max(this.stats.longestSliceMs, elapsed);
        await yieldToPage();
        sliceStart = performance.now();
      }
      return !signal?.aborted;
    });
  }

  /** Whether the page holds as many candidates as it may. */
  get full(): boolean {
    return this.kept >= this.maxCandidates;
  }

  private store(node: Text, candidates: Candidate[]): void {
    if (!this.readable.has(node)) return;
    this.kept -= this.runs.get(node)?.length ?? 0;
    const room = this.maxCandidates - this.kept;
    if (room <= 0) return;
    if (candidates.length > room) candidates = candidates.slice(0, room);
    this.kept += candidates.length;
    for (const c of candidates) if (this.dict.patRole[c.pattern] === 1) this.known[this.dict.patRef[c.pattern]!] = 1;
    this.runs.set(node, candidates);
  }

  /**
   * Resolves the page from the stored candidates and paints the difference, a slice at
   * a time (a hostile page can have tens of thousands of mentions). A later resolution
   * takes over from one still painting; each paints only what differs from what is
   * painted, so none is lost.
   */
  private async resolve(sliceStart = performance.now()): Promise<void> {
    if (this.unordered) {
      for (const n of [...this.runs.keys()]) if (!n.isConnected) this.forget(n);
      const nodes = [...this.runs.keys()];
      nodes.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
      this.runs = new Map(nodes.map((n) => [n, this.runs.get(n)!]));
      this.unordered = false;
    }
    if (performance.now() - sliceStart > PAINT_SLICE_MS) {
      await yieldToPage();
      sliceStart = performance.now();
    }
    const nodes = [...this.runs.keys()];
    const lists = [...this.runs.values()];
    const { topic, shown, offsets } = resolvePage(this.dict, lists, { firstMentionOnly: this.firstMentionOnly, knownContexts: this.known });
    this.lastTopic = topic;
    if (this.firstOfEach) {
      // Runs are in document order: the first shown candidate of an entity is its first mention.
      const seen = new Uint8Array(this.dict.entities.length);
      for (let i = 0; i < shown.length; i++) {
        if (shown[i]! < 0) continue;
        const e = this.dict.patRef[shown[i]!]!;
        if (seen[e]) shown[i] = -1;
        seen[e] = 1;
      }
    }
    const token = {};
    this.painting = token;
    let work = 0;
    for (let r = 0; r < nodes.length; r++) {
      const node = nodes[r]!;
      const list = lists[r]!;
      const at = offsets[r]!;
      for (let i = 0; i < list.length; i++) {
        if ((++work & 255) === 0 && performance.now() - sliceStart > PAINT_SLICE_MS) {
          await yieldToPage();
          if (this.painting !== token) return;
          sliceStart = performance.now();
        }
        // The node changed or left since: its candidates are not these any more.
        if (this.runs.get(node) !== list) break;
        // The candidate becomes the mention record: one object per mention, not two.
        const m = list[i] as Partial<FoundMention> & Candidate;
        const p = shown[at + i]!;
        const entity = p >= 0 ? this.dict.patRef[p]! : -1;
        const had = m.range ? m.entity! : -1;
        if (entity === had) continue;
        if (had >= 0) this.unpaint(node, m as FoundMention);
        if (entity >= 0) this.add(node, m, entity);
      }
    }
    if (this.painting === token) this.painting = undefined;
  }

  private add(node: Text, m: Partial<FoundMention> & Candidate, entity: number): void {
    m.entity = entity;
    m.range = new StaticRange({ startContainer: node, startOffset: m.start, endContainer: node, endOffset: m.end });
    const list = this.byNode.get(node);
    if (!list) this.byNode.set(node, [m as FoundMention]);
    else {
      // Keep the node's mentions in text order (a later resolution may add an earlier one).
      let at = list.length;
      while (at > 0 && list[at - 1]!.start > m.start) at--;
      list.splice(at, 0, m as FoundMention);
    }
    this.paint(m as FoundMention);
  }

  private unpaint(node: Text, m: FoundMention): void {
    this.highlights[this.dict.entityKind[m.entity]!]!.delete(m.range);
    const list = this.byNode.get(node);
    if (list) {
      const at = list.indexOf(m);
      if (at >= 0) list.splice(at, 1);
      if (list.length === 0) this.byNode.delete(node);
    }
    (m as Partial<FoundMention>).range = undefined;
  }

  private paint(m: FoundMention): void {
    if (this.muted[m.entity] || this.hidden[m.entity] || this.kindOff[m.entity]) return;
    const kind = this.dict.entityKind[m.entity]!;
    const root = m.range.startContainer.getRootNode();
    if (root !== document) adoptStyles(root as ShadowRoot);
    const h = this.highlights[kind]!.add(m.range);
    if (this.shown && h.size === 1) showHighlight(`gloss-${this.dict.kinds[kind]}`, h);
  }

  private forget(node: Text): void {
    const list = this.byNode.get(node);
    if (list) {
      for (const m of list) {
        this.highlights[this.dict.entityKind[m.entity]!]!.delete(m.range);
        (m as Partial<FoundMention>).range = undefined;
      }
      this.byNode.delete(node);
    }
    this.kept -= this.runs.get(node)?.length ?? 0;
    this.runs.delete(node);
  }

  private mutedMask(muted: ReadonlySet<string>): Uint8Array {
    const mask = new Uint8Array(this.dict.entities.length);
    this.dict.entities.forEach((id, i) => {
      if (muted.has(id)) mask[i] = 1;
    });
    return mask;
  }
}
