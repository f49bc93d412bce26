// Walking the page's text the way engine/text-rules.ts describes, cheaply: the walk
// itself only looks at each text node's parent; the full ancestor and visibility
// checks run only for the few nodes where the matcher found something.

import { SKIPPED_ELEMENTS } from '../../engine/text-rules';

const SKIP_SELECTOR = [
  ...[...SKIPPED_ELEMENTS].map((t) => t.toLowerCase()),
  '[hidden]',
  '[aria-hidden="true"]',
  '[contenteditable]:not([contenteditable="false"])',
].join(',');

/** False for text inside script, style, form controls, code, hidden or editable parts. */
export function isReadableText(node: Text): boolean {
  const parent = node.parentElement;
  if (!parent) return false;
  if (parent.closest(SKIP_SELECTOR)) return false;
  if (parent.isContentEditable) return false;
  return typeof parent.checkVisibility === 'function' ? parent.checkVisibility({ visibilityProperty: true }) : true;
}

// HTML elements report upper-case names, SVG and MathML ones lower-case.
const SKIPPED_NAMES = new Set([...SKIPPED_ELEMENTS].flatMap((t) => [t, t.toLowerCase()]));

/** Parents whose text is never read, checked during the walk itself. */
export function hasSkippedParent(node: Node): boolean {
  const parent = node.parentNode;
  return parent !== null && SKIPPED_NAMES.has(parent.nodeName);
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
