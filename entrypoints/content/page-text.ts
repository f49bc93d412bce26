// Walking the page's text the way engine/text-rules.ts describes, cheaply: the walk
// itself only looks at each text node's parent; the ancestor checks run only for the
// nodes where the matcher found something, each element judged once per scan; CSS
// visibility (which needs style) is asked only when counting mentions for the popup.

import { isSkippedElement, isSkippedTag } from '../../engine/text-rules';

/** Whether text sits inside something Gloss must not read: a memo of element verdicts. */
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

  private element(el: Element): boolean {
    const known = this.memo.get(el);
    if (known !== undefined) return known;
    const parent = el.parentElement;
    const skipped = el.hasAttributes() ? isSkippedElement(el.tagName, (name) => el.getAttribute(name)) : isSkippedTag(el.tagName);
    const ok = !skipped && (parent === null || this.element(parent));
    this.memo.set(el, ok);
    return ok;
  }
}

/** Whether the text is rendered (not under display:none, visibility:hidden and the like). */
export function isRendered(node: Text, memo: Map<Element, boolean>): boolean {
  const parent = node.parentElement;
  if (!parent) return false;
  let known = memo.get(parent);
  if (known === undefined) {
    known = typeof parent.checkVisibility === 'function' ? parent.checkVisibility({ visibilityProperty: true }) : true;
    memo.set(parent, known);
  }
  return known;
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
