// The page's text as one string, with a way back to its nodes: what quotes are found
// in (W3C TextPositionSelector offsets count into it) and what ranges are made from.
// It includes all text under <body> but code that is not text (script, style...), so
// offsets stay the same from visit to visit whatever Gloss highlights.

const NOT_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'TITLE', 'script', 'style']);

export class TextModel {
  readonly text: string;
  private readonly nodes: Text[];
  private readonly starts: number[];
  private readonly index = new Map<Text, number>();

  private constructor(nodes: Text[], starts: number[], text: string) {
    this.nodes = nodes;
    this.starts = starts;
    this.text = text;
    nodes.forEach((n, i) => this.index.set(n, i));
  }

  static read(root: Node): TextModel {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    const starts: number[] = [];
    const parts: string[] = [];
    let at = 0;
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      const parent = n.parentNode;
      if (parent && NOT_TEXT.has(parent.nodeName)) continue;
      nodes.push(n);
      starts.push(at);
      parts.push(n.data);
      at += n.data.length;
    }
    return new TextModel(nodes, starts, parts.join(''));
  }

  /** Offset in the text of a point inside one of its nodes. */
  offsetOf(node: Node, offset: number): number | undefined {
    const i = this.index.get(node as Text);
    return i === undefined ? undefined : this.starts[i]! + offset;
  }

  /** The text offsets a range covers, or undefined if it holds none of the page's text. */
  span(range: Range): { start: number; end: number } | undefined {
    const n = this.nodes.length;
    // comparePoint is monotonic in document order: binary search for the first node
    // ending at or after the start, and the last node starting at or before the end.
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (range.comparePoint(this.nodes[mid]!, this.nodes[mid]!.length) < 0) lo = mid + 1;
      else hi = mid;
    }
    const first = lo;
    lo = 0;
    hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (range.comparePoint(this.nodes[mid]!, 0) <= 0) lo = mid + 1;
      else hi = mid;
    }
    const last = lo - 1;
    if (first >= n || last < 0 || first > last) return undefined;
    const a = this.nodes[first]!;
    const b = this.nodes[last]!;
    const start = this.starts[first]! + (a === range.startContainer ? range.startOffset : 0);
    const end = this.starts[last]! + (b === range.endContainer ? range.endOffset : b.length);
    return end > start ? { start, end } : undefined;
  }

  /** A range over text offsets [start, end). */
  range(start: number, end: number): StaticRange | undefined {
    const i = this.nodeAt(start, false);
    const j = this.nodeAt(end, true);
    if (i === undefined || j === undefined) return undefined;
    return new StaticRange({
      startContainer: this.nodes[i]!,
      startOffset: start - this.starts[i]!,
      endContainer: this.nodes[j]!,
      endOffset: end - this.starts[j]!,
    });
  }

  /** The node holding an offset; at a boundary between nodes, the later one for a start and the earlier one for an end. */
  private nodeAt(offset: number, isEnd: boolean): number | undefined {
    let lo = 0;
    let hi = this.nodes.length - 1;
    if (hi < 0 || offset < 0 || offset > this.text.length) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! < offset || (!isEnd && this.starts[mid]! === offset)) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
