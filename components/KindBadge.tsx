// Shows an entity's kind as a small coloured label.
import type { Kind } from '../knowledge/schema';
import { KIND_LABELS } from './format';

export interface KindBadgeProps {
  kind: Kind;
}

export function KindBadge({ kind }: KindBadgeProps) {
  return <span class={`gloss-kind gloss-kind-${kind}`}>{KIND_LABELS[kind]}</span>;
}
