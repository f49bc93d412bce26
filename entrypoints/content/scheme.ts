// Whether the page is light or dark, from its own colours (not the system's colour
// scheme: a dark site in a light system, or the reverse, is common).

export const DARK_SCHEME = '(prefers-color-scheme: dark)';

/** Whether the page is dark where an element sits: the first opaque background up its ancestors. */
export function pageIsDark(near: Element | null): boolean {
  for (let el: Element | null = near ?? document.body; el; el = el.parentElement) {
    const rgba = getComputedStyle(el).backgroundColor.match(/[\d.]+/g)?.map(Number);
    if (!rgba || rgba.length < 3 || (rgba[3] ?? 1) < 0.5) continue;
    const [r, g, b] = rgba.map((c) => {
      const s = c / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b! < 0.18;
  }
  // No background anywhere: the canvas, white unless the page asks for a dark scheme.
  return /dark/.test(getComputedStyle(document.documentElement).colorScheme) && matchMedia(DARK_SCHEME).matches;
}
