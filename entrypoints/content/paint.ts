// Registering Gloss's highlights with the page. Their styles go into the document with
// the first highlight, not with the content script: a stylesheet injected on every page
// can be read back (getComputedStyle of ::highlight(gloss-chip)) and would tell every
// page that Gloss is installed, painted or not. Adopted, not a <style> element: no node
// is added to the page's DOM. The styles (components/kind-styles.ts) suit the page's
// own background, light or dark.

import { highlightCss } from '../../components/kind-styles';
import { pageIsDark } from './scheme';

let sheet: CSSStyleSheet | undefined;
let element: HTMLStyleElement | undefined;
const adopted = new WeakSet<ShadowRoot>();

/** Highlights inside an open shadow root are styled by that root's sheets: Gloss's goes in with its first mention there. */
export function adoptStyles(root: ShadowRoot): void {
  if (adopted.has(root)) return;
  adopted.add(root);
  try {
    sheet ??= styleSheet();
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } catch {
    // Unstyled there: the mentions stay reachable by pointer and keyboard.
  }
}

function styleSheet(): CSSStyleSheet {
  const s = new CSSStyleSheet();
  s.replaceSync(highlightCss(pageIsDark(document.body)));
  return s;
}

export function showHighlight(name: string, highlight: Highlight): void {
  CSS.highlights.set(name, highlight);
  try {
    sheet ??= styleSheet();
    // A page may replace the list; the sheet goes back in with the next highlight.
    if (!document.adoptedStyleSheets.includes(sheet)) document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  } catch {
    // Browsers that do not let a content script adopt a sheet get an element.
    if (!element?.isConnected) {
      element = document.createElement('style');
      element.textContent = highlightCss(pageIsDark(document.body));
      document.documentElement.append(element);
    }
  }
}
