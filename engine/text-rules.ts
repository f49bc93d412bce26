// Which parts of a page are text a reader reads. The content script (on the live DOM)
// and the scan command (on parsed HTML) both follow these rules, so what the scan
// reports is what the page would show highlighted.

/** Elements whose contents are never scanned: code, form controls, media, embedded documents. */
export const SKIPPED_ELEMENTS: ReadonlySet<string> = new Set([
  'HEAD', 'TITLE', 'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION',
  'BUTTON', 'SVG', 'MATH', 'IFRAME', 'OBJECT', 'CANVAS', 'VIDEO', 'AUDIO', 'CODE', 'PRE', 'KBD', 'SAMP',
]);

/** An element is skipped when it has one of these attributes (editable regions are the user's). */
export const SKIPPING_ATTRIBUTES: readonly string[] = ['hidden', 'contenteditable'];

/** Inline styles that hide an element, for parsers that do not compute CSS. */
export const HIDING_STYLE = /(^|;)\s*(display\s*:\s*none|visibility\s*:\s*hidden)\s*(;|$)/i;

// Tag names as HTML elements report them (upper case) and as SVG, MathML and parsers
// report them (lower case).
const SKIPPED_NAMES: ReadonlySet<string> = new Set([...SKIPPED_ELEMENTS].flatMap((t) => [t, t.toLowerCase()]));

export function isSkippedTag(tagName: string): boolean {
  return SKIPPED_NAMES.has(tagName) || SKIPPED_ELEMENTS.has(tagName.toUpperCase());
}

export function isSkippedElement(tagName: string, getAttribute: (name: string) => string | null): boolean {
  if (isSkippedTag(tagName)) return true;
  for (const name of SKIPPING_ATTRIBUTES) {
    const value = getAttribute(name);
    if (value !== null && !(name === 'contenteditable' && value.toLowerCase() === 'false')) return true;
  }
  if (getAttribute('aria-hidden') === 'true') return true;
  const style = getAttribute('style');
  return style !== null && HIDING_STYLE.test(style);
}
