// Shows what each kind of highlight looks like on a page: a sample word drawn with the
// kind's background and underline (components/kind-styles.ts, the table the page's
// highlight styles come from), and the underline's style in words, so the kinds are told
// apart without colour.
import type { Kind } from '../knowledge/schema';
import { KIND_ORDER } from './format';
import { t } from './i18n';
import { decoration, KIND_STYLES, type LineStyle } from './kind-styles';
import { kindLabel } from './kinds';

export interface HighlightSampleProps {
  kind: Kind;
}

const prefersDark = (): boolean => typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;

/** One kind's name drawn as the page draws its mentions. */
export function HighlightSample({ kind }: HighlightSampleProps) {
  return (
    <span
      class={`highlight-sample highlight-${kind}`}
      style={{ backgroundColor: KIND_STYLES[kind].fill, textDecoration: decoration(kind, prefersDark()), textUnderlineOffset: '2px' }}
    >
      {kindLabel(kind)}
    </span>
  );
}

function lineWords(line: LineStyle): string {
  switch (line) {
    case 'solid':
      return t('legendLine_solid');
    case 'dashed':
      return t('legendLine_dashed');
    case 'dotted':
      return t('legendLine_dotted');
    case 'double':
      return t('legendLine_double');
    case 'wavy':
      return t('legendLine_wavy');
  }
}

/** The underline style of a kind, in words. */
export function lineName(kind: Kind): string {
  return lineWords(KIND_STYLES[kind].line);
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
