// How each kind of highlight looks: one table, used by the page's highlight styles
// (entrypoints/content/paint.ts) and by any legend that explains them (popup, welcome
// page). Kinds differ in the underline's style and weight, not only in colour, so they
// stay apart for readers who do not see the colours and in forced-colours mode, where
// the browser replaces every colour with the system's (docs/decisions/0011).

import type { Kind } from '../knowledge/schema';

export type LineStyle = 'solid' | 'dotted' | 'dashed' | 'double' | 'wavy';

export interface KindStyle {
  /** Underline style, the kind's mark without colour. */
  line: LineStyle;
  /** Underline thickness in CSS pixels. */
  thickness: number;
  /** Underline colour on light pages and on dark pages (both at least 3:1 against the page). */
  light: string;
  dark: string;
  /** Translucent background, readable on light and dark pages alike. */
  fill: string;
}

export const KIND_STYLES: Record<Kind | 'note', KindStyle> = {
  chip: { line: 'solid', thickness: 3, light: '#0f766e', dark: '#2dd4bf', fill: 'rgba(20, 184, 166, 0.18)' },
  company: { line: 'dotted', thickness: 3, light: '#1d4ed8', dark: '#60a5fa', fill: 'rgba(59, 130, 246, 0.14)' },
  model: { line: 'dashed', thickness: 2, light: '#7e22ce', dark: '#c084fc', fill: 'rgba(168, 85, 247, 0.16)' },
  rule: { line: 'double', thickness: 3, light: '#b45309', dark: '#fbbf24', fill: 'rgba(245, 158, 11, 0.2)' },
  org: { line: 'wavy', thickness: 2, light: '#b91c1c', dark: '#f87171', fill: 'rgba(239, 68, 68, 0.14)' },
  person: { line: 'wavy', thickness: 2, light: '#15803d', dark: '#4ade80', fill: 'rgba(34, 197, 94, 0.14)' },
  place: { line: 'wavy', thickness: 2, light: '#475569', dark: '#94a3b8', fill: 'rgba(100, 116, 139, 0.16)' },
  // The reader's own notes: a strong background and a thin line.
  note: { line: 'solid', thickness: 1, light: '#a21caf', dark: '#f0abfc', fill: 'rgba(217, 70, 239, 0.24)' },
};

/** The CSS text-decoration of a kind, e.g. for a legend's sample word. */
export function decoration(kind: Kind | 'note', dark = false): string {
  const s = KIND_STYLES[kind];
  return `underline ${s.line} ${dark ? s.dark : s.light} ${s.thickness}px`;
}

/**
 * The page's highlight styles. ::highlight() can only change colours and decoration, so
 * highlighting never moves a pixel of the page. `dark`: the page's own background is dark.
 * The keyboard's place (gloss-focus) is painted like a selection over the kind's style.
 */
export function highlightCss(dark: boolean): string {
  let css = '';
  let forced = '';
  for (const [kind, s] of Object.entries(KIND_STYLES)) {
    css += `::highlight(gloss-${kind}){background-color:${s.fill};text-decoration:${decoration(kind as Kind, dark)}}`;
    // Forced colours: no fills, the system's text colour, the kind's line style.
    forced += `::highlight(gloss-${kind}){background-color:${kind === 'note' ? 'Mark' : 'transparent'};text-decoration:underline ${s.line} CanvasText ${Math.max(s.thickness, 2)}px}`;
  }
  // A line above and below as well: a ring even where the browser paints every highlight alike (forced colours).
  const ring = 'text-decoration:underline overline solid';
  css += `::highlight(gloss-focus){background-color:${dark ? '#bfdbfe' : '#1d4ed8'};color:${dark ? '#0b1220' : '#fff'};${ring} ${dark ? '#bfdbfe' : '#1d4ed8'} 3px}`;
  forced += `::highlight(gloss-focus){background-color:Highlight;color:HighlightText;${ring} CanvasText 3px}`;
  return `${css}@media (forced-colors:active){${forced}}`;
}
