// Walking the page's text the way engine/text-rules.ts describes, cheaply: the walk
// itself only looks at each text node's parent; the ancestor checks run only for the
// nodes where the matcher found something, each element judged once per scan; CSS
// visibility (which needs style) is asked only when counting mentions for the popup.

import { isSkippedElement, isSkippedTag } from '../../engine/text-rules';

/**
 * Whether text sits inside something Gloss must not read: a memo of element verdicts.
 * Pages can nest elements tens of thousands deep, so ancestors are walked in a loop,
 * never by recursion, and each element is judged once per scan.
 */
export class ReadableText {
  private readonly memo = new Map<Element, boolean>();

  /** Forget verdicts (attributes may have changed since the last scan). */
  clear(): void {
    this.memo.clear();
  }

  /** False for text inside script, style, form controls, code, hidden or editable parts. */
  has(node: Text): boolean {
    const parent = node.parentElement;
    return parent !== null && this.element(parent);
  }

  private element(start: Element): boolean {
    // Up to the first element already judged (or the root), then verdicts back down.
    const path: Element[] = [];
    let verdict = true;
    for (let el: Element | null = start; el; el = el.parentElement) {
      const known = this.memo.get(el);
      if (known !== undefined) {
        verdict = known;
        break;
      }
      path.push(el);
    }
    for (let i = path.length - 1; i >= 0; i--) {
      const el = path[i]!;
      if (verdict) verdict = !(el.hasAttributes() ? isSkippedElement(el.tagName, (name) => el.getAttribute(name)) : isSkippedTag(el.tagName));
      this.memo.set(el, verdict);
    }
    return verdict;
  }
}

/** Time a summary may spend asking for style (each first question in a part of the page can force its style). */
const RENDERED_BUDGET_MS = 8;
/**
 * Deeper than this, style is not asked: Chromium itself cannot lay such chains out and
 * crashes when asked about them; no parsed page is deeper (the HTML parser stops at 512).
 */
const MAX_STYLE_DEPTH = 512;
const budgets = new WeakMap<object, number>();

/**
 * Whether the text is rendered (not under display:none, visibility:hidden and the like).
 * One memo serves one summary; once the summary has spent its budget on style, the rest
 * of its text counts as rendered (it is highlighted either way: this only sets counts).
 */
export function isRendered(node: Text, memo: Map<Element, boolean>): boolean {
  const parent = node.parentElement;
  if (!parent) return false;
  let known = memo.get(parent);
  if (known === undefined) {
    const started = budgets.get(memo) ?? performance.now();
    budgets.set(memo, started);
    known = performance.now() - started > RENDERED_BUDGET_MS || tooDeep(parent) || typeof parent.checkVisibility !== 'function' || parent.checkVisibility({ visibilityProperty: true });
    memo.set(parent, known);
  }
  return known;
}

function tooDeep(el: Element): boolean {
  let depth = 0;
  for (let p: Element | null = el; p; p = p.parentElement) if (++depth > MAX_STYLE_DEPTH) return true;
  return false;
}

/** Parents whose text is never read, checked during the walk itself. */
export function hasSkippedParent(node: Node): boolean {
  const parent = node.parentNode;
  return parent !== null && isSkippedTag(parent.nodeName);
}

/** Gives the page a turn: ends the current task so input and rendering can run. */
export function yieldToPage(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (s?.yield) return s.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}
