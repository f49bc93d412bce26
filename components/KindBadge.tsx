// Shows an entity's kind as a small coloured label.
import type { Kind } from '../knowledge/schema';
import { kindLabel } from './kinds';

export interface KindBadgeProps {
  kind: Kind;
}

export function KindBadge({ kind }: KindBadgeProps) {
  return <span class={`gloss-kind gloss-kind-${kind}`}>{kindLabel(kind)}</span>;
}
