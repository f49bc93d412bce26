// Shows what each kind of highlight looks like on a page: a sample word drawn with the
// kind's background and underline, and the underline's style in words so the kinds are
// told apart without colour.
//
// The samples follow entrypoints/content/style.css. They live in this one table so that
// they can be switched to the content script's shared style descriptors in one place.
import type { Kind } from '../knowledge/schema';
import { KIND_LABELS, KIND_ORDER } from './format';
import { t } from './i18n';

export interface HighlightLook {
  background: string;
  line: string;
  style: 'solid' | 'dashed' | 'dotted' | 'double' | 'wavy';
}

/** How each kind is highlighted (the values of entrypoints/content/style.css). */
export const HIGHLIGHT_LOOKS: Record<Kind, HighlightLook> = {
  chip: { background: 'rgba(20, 184, 166, 0.2)', line: 'rgba(13, 148, 136, 0.95)', style: 'solid' },
  company: { background: 'rgba(59, 130, 246, 0.18)', line: 'rgba(37, 99, 235, 0.95)', style: 'solid' },
  model: { background: 'rgba(168, 85, 247, 0.18)', line: 'rgba(147, 51, 234, 0.95)', style: 'solid' },
  rule: { background: 'rgba(245, 158, 11, 0.22)', line: 'rgba(217, 119, 6, 0.95)', style: 'dashed' },
  org: { background: 'rgba(239, 68, 68, 0.16)', line: 'rgba(220, 38, 38, 0.9)', style: 'solid' },
  person: { background: 'rgba(34, 197, 94, 0.16)', line: 'rgba(22, 163, 74, 0.95)', style: 'dotted' },
  place: { background: 'rgba(100, 116, 139, 0.16)', line: 'rgba(71, 85, 105, 0.95)', style: 'dotted' },
};

export interface HighlightSampleProps {
  kind: Kind;
}

/** One kind's name drawn as the page draws its mentions. */
export function HighlightSample({ kind }: HighlightSampleProps) {
  const look = HIGHLIGHT_LOOKS[kind];
  return (
    <span
      class={`highlight-sample highlight-${kind}`}
      style={{ backgroundColor: look.background, textDecoration: `underline ${look.style} ${look.line} 2px`, textUnderlineOffset: '2px' }}
    >
      {KIND_LABELS[kind]}
    </span>
  );
}

/** The underline style of a kind, in words. */
export function lineName(kind: Kind): string {
  return t(`legendLine_${HIGHLIGHT_LOOKS[kind].style}` as Parameters<typeof t>[0]);
}

export interface KindLegendProps {
  kinds?: readonly Kind[];
}

/** A list of every kind with its sample and its underline style in words. */
export function KindLegend({ kinds = KIND_ORDER }: KindLegendProps) {
  return (
    <ul class="kind-legend">
      {kinds.map((k) => (
        <li key={k}>
          <HighlightSample kind={k} /> <span class="legend-line">{lineName(k)}</span>
        </li>
      ))}
    </ul>
  );
}
