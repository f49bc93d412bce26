// Following a page that changes. One MutationObserver collects what changed; batches
// are handed on one at a time, and a page that keeps changing gets fewer, larger
// batches: the delay doubles (up to 2 s) while changes keep coming, and falls back
// once the page is quiet.
//
// Text that keeps changing (a ticker, a clock, a live score) is unsettled: its
// mentions are dropped and it is not read again until it has been still for a while.
// Chromium repaints every highlight on text that changes, so batching rescans would
// not be enough: text that will not settle is not painted.
//
// A page whose changes never stop (a storm of thousands a second) is not watched at
// all for a while, and then read again whole; the pause doubles while the storm lasts.

/** What to do with a batch. */
export interface ChangeSink {
  /** Read these again (none inside another, none in unsettled text); `removed` when nodes left the page. */
  changed(nodes: Node[], removed: boolean): Promise<void>;
  /** Drop the mentions of these text nodes: their text will not settle. */
  unsettled(texts: Text[]): void;
  /** Changes went unseen while the page was not watched: read it all again. */
  missed(): Promise<void>;
}

const OPTIONS: MutationObserverInit = { childList: true, subtree: true, characterData: true };
const FIRST_DELAY_MS = 60;
const MAX_DELAY_MS = 2000;
/** Text changed in this many batches in a row, each within STREAK_GAP_MS of the last, will not settle. */
const UNSETTLED_STREAK = 3;
const STREAK_GAP_MS = 1500;
/** Unsettled text still for this long is read again. */
const SETTLE_MS = 3000;
/** Ancestors looked at to tell whether a change sits inside unsettled text. */
const UNSETTLED_DEPTH = 4;
/** A second with more changes than this is stormy; this many stormy seconds in a row are a storm. */
const STORM_PER_SECOND = 2000;
const STORM_SECONDS = 3;
const FIRST_PAUSE_MS = 10_000;
const MAX_PAUSE_MS = 5 * 60_000;
/** A storm this long after the last one starts the pauses over. */
const CALM_MS = 60_000;

export interface ChangeStats {
  batches: number;
  storms: number;
  /** Not watching the page, for now: a storm. */
  paused: boolean;
  unsettled: number;
}

export class PageChanges {
  private readonly observer: MutationObserver;
  private readonly pending = new Set<Node>();
  /** Elements whose contents changed in the current batch. */
  private readonly touched = new Set<Element>();
  private removed = false;
  private readonly churn = new WeakMap<Element, { streak: number; last: number }>();
  private readonly unsettled = new Set<Element>();
  private delay = FIRST_DELAY_MS;
  private timer = 0;
  private settleTimer = 0;
  private flushing = false;
  private lastFlushEnd = -Infinity;
  private secondStart = 0;
  private secondCount = 0;
  private stormySeconds = 0;
  private pause = FIRST_PAUSE_MS;
  private lastStorm = -Infinity;
  readonly stats: ChangeStats = { batches: 0, storms: 0, paused: false, unsettled: 0 };

  constructor(
    private readonly root: Node,
    private readonly sink: ChangeSink,
    private readonly signal: AbortSignal,
  ) {
    this.observer = new MutationObserver((records) => this.take(records));
    this.watch();
    signal.addEventListener('abort', () => {
      this.observer.disconnect();
      clearTimeout(this.timer);
      clearTimeout(this.settleTimer);
    });
  }

  /** Text nodes Gloss must not paint now. */
  unsettledTexts(): Text[] {
    return textsUnder(this.unsettled);
  }

  /** Open shadow roots watched besides the page (a document's observer does not see into them). */
  private readonly shadows = new Set<ShadowRoot>();

  watchShadow(root: ShadowRoot): void {
    if (this.shadows.has(root)) return;
    this.shadows.add(root);
    if (!this.stats.paused) this.observer.observe(root, OPTIONS);
  }

  private watch(): void {
    this.observer.observe(this.root, OPTIONS);
    for (const root of this.shadows) this.observer.observe(root, OPTIONS);
  }

  private take(records: MutationRecord[]): void {
    for (const r of records) {
      if (r.type === 'characterData') {
        this.pending.add(r.target);
        const parent = r.target.parentElement;
        if (parent) this.touched.add(parent);
      } else {
        r.addedNodes.forEach((n) => this.pending.add(n));
        if (r.removedNodes.length > 0) this.removed = true;
        if (r.target.nodeType === Node.ELEMENT_NODE) this.touched.add(r.target as Element);
      }
    }
    if (this.count(records.length)) return;
    this.schedule();
  }

  /** Counts changes per second; true when they make a storm (and watching stopped). */
  private count(n: number): boolean {
    const now = performance.now();
    if (now - this.secondStart >= 1000) {
      const stormy = this.secondCount > STORM_PER_SECOND && now - this.secondStart < 2000;
      this.stormySeconds = stormy ? this.stormySeconds + 1 : 0;
      this.secondStart = now;
      this.secondCount = 0;
    }
    this.secondCount += n;
    if (this.secondCount <= STORM_PER_SECOND || this.stormySeconds < STORM_SECONDS - 1) return false;
    this.storm(now);
    return true;
  }

  private storm(now: number): void {
    this.observer.disconnect();
    this.stats.paused = true;
    this.stats.storms++;
    clearTimeout(this.timer);
    this.timer = 0;
    // What changed since the last batch is as unsettled as the rest: unpainted, unread.
    const changedText = [...this.pending].filter((n): n is Text => n.nodeType === Node.TEXT_NODE);
    this.pending.clear();
    this.touched.clear();
    this.sink.unsettled(changedText);
    if (now - this.lastStorm > CALM_MS + this.pause) this.pause = FIRST_PAUSE_MS;
    this.lastStorm = now;
    const wait = this.pause;
    this.pause = Math.min(this.pause * 2, MAX_PAUSE_MS);
    window.setTimeout(() => void this.resume(), wait);
  }

  private async resume(): Promise<void> {
    if (this.signal.aborted) return;
    this.stats.paused = false;
    this.stormySeconds = 0;
    this.secondCount = 0;
    this.secondStart = performance.now();
    // Unsettled text stays so until it is seen to be still.
    const now = performance.now();
    for (const el of this.unsettled) this.churn.set(el, { streak: UNSETTLED_STREAK, last: now });
    this.watch();
    await this.sink.missed();
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.flushing || this.stats.paused || this.signal.aborted) return;
    const now = performance.now();
    // Changes right after a batch: a busy page, fewer batches. After a quiet spell: quick again.
    this.delay = now - this.lastFlushEnd < this.delay ? Math.min(this.delay * 2, MAX_DELAY_MS) : FIRST_DELAY_MS;
    this.timer = window.setTimeout(() => void this.flush(), this.delay);
  }

  private async flush(): Promise<void> {
    this.timer = 0;
    if (this.stats.paused || this.signal.aborted) return;
    this.flushing = true;
    try {
      const now = performance.now();
      const fresh: Element[] = [];
      for (const el of this.touched) {
        const c = this.churn.get(el) ?? { streak: 0, last: -Infinity };
        c.streak = now - c.last <= STREAK_GAP_MS ? c.streak + 1 : 1;
        c.last = now;
        this.churn.set(el, c);
        if (c.streak >= UNSETTLED_STREAK && !this.unsettled.has(el)) {
          this.unsettled.add(el);
          fresh.push(el);
        }
      }
      this.touched.clear();
      const settled: Element[] = [];
      for (const el of this.unsettled) {
        if (el.isConnected && now - this.churn.get(el)!.last <= SETTLE_MS) continue;
        this.unsettled.delete(el);
        if (el.isConnected) settled.push(el);
      }
      this.stats.unsettled = this.unsettled.size;
      const nodes = topmost(this.pending).filter((n) => n.isConnected && !this.insideUnsettled(n));
      this.pending.clear();
      const removed = this.removed;
      this.removed = false;
      // Settled text is read again from scratch: what it showed before goes first.
      if (fresh.length > 0 || settled.length > 0) this.sink.unsettled(textsUnder([...fresh, ...settled]));
      const read = settled.length > 0 ? topmost(new Set([...nodes, ...settled])) : nodes;
      if (read.length > 0 || removed) {
        this.stats.batches++;
        await this.sink.changed(read, removed);
      }
    } finally {
      this.flushing = false;
      this.lastFlushEnd = performance.now();
    }
    if (this.pending.size > 0 || this.touched.size > 0 || this.removed) this.schedule();
    clearTimeout(this.settleTimer);
    if (this.unsettled.size > 0) this.settleTimer = window.setTimeout(() => this.schedule(), SETTLE_MS + 100);
  }

  private insideUnsettled(node: Node): boolean {
    let p = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
    for (let i = 0; p && i < UNSETTLED_DEPTH; i++, p = p.parentElement) if (this.unsettled.has(p)) return true;
    return false;
  }
}

/**
 * The nodes that are not inside another of them. Ancestors are walked in a loop, each
 * at most once per call, whatever the page's depth.
 */
export function topmost(nodes: ReadonlySet<Node>): Node[] {
  // Whether a node or one of its ancestors is in the set.
  const covered = new Map<Node, boolean>();
  const out: Node[] = [];
  const path: Node[] = [];
  for (const node of nodes) {
    let hit = false;
    path.length = 0;
    for (let p = node.parentNode; p; p = p.parentNode) {
      const known = covered.get(p);
      if (known !== undefined) {
        hit = known;
        break;
      }
      if (nodes.has(p)) {
        hit = true;
        break;
      }
      path.push(p);
    }
    for (const p of path) covered.set(p, hit);
    if (!hit) out.push(node);
  }
  return out;
}

function textsUnder(elements: Iterable<Element>): Text[] {
  const out: Text[] = [];
  for (const el of elements) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n as Text);
  }
  return out;
}
