// Small display helpers shared by the hover card and the popup.

import type { Kind } from '../knowledge/schema';

export const KIND_LABELS: Record<Kind, string> = {
  chip: 'Chip',
  company: 'Company',
  model: 'AI model',
  rule: 'Rule',
  org: 'Agency',
  person: 'Person',
  place: 'Place',
};

export const KIND_PLURALS: Record<Kind, string> = {
  chip: 'Chips',
  company: 'Companies',
  model: 'AI models',
  rule: 'Rules and actions',
  org: 'Agencies',
  person: 'People',
  place: 'Places',
};

/** Display order of kinds in lists. */
export const KIND_ORDER: readonly Kind[] = ['chip', 'company', 'model', 'rule', 'org', 'person', 'place'];

/** An ISO date of any precision ("2025", "2025-04", "2025-04-09") as readers write it. */
export function formatDate(iso: string, locale = 'en'): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (m === undefined) return String(y);
  const date = new Date(Date.UTC(y!, m - 1, d ?? 1));
  const options: Intl.DateTimeFormatOptions =
    d === undefined ? { year: 'numeric', month: 'short', timeZone: 'UTC' } : { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' };
  try {
    return new Intl.DateTimeFormat(locale, options).format(date);
  } catch {
    return iso;
  }
}

/** Host name of a source URL, for a compact link label. */
/**
 * An address from stored data (an article, reading history) as a link target: web
 * addresses only. Records are checked when they are written, imported or pulled; this
 * holds for whatever reaches a page anyway, so a javascript:, data: or extension address
 * is shown as text, never followed.
 */
export function webHref(url: string): string | undefined {
  return /^https?:\/\/[^\s]+$/i.test(url) ? url : undefined;
}

export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}
