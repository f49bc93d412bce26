// Scoring the scan against hand-made expectations (docs/annotation-guide.md), counted
// per mention as multisets of (entity, text) per page.

export interface Expected {
  modeledOn?: string | null;
  lang: string;
  topic: boolean;
  mentions: { entity: string; text: string }[];
}

export interface Found {
  entity: string;
  kind: string;
  text: string;
}

/** Kinds over which precision is measured: what the reader came for. */
export const PRECISION_KINDS: ReadonlySet<string> = new Set(['chip', 'company', 'model', 'rule']);

export interface Tally {
  pages: number;
  /** Expected mentions found / missed (recall over every kind). */
  hit: number;
  missed: number;
  /** Found mentions of chips, companies, models and rules that were / were not expected. */
  right: number;
  wrong: number;
  /** Highlights of any kind on pages about other subjects. */
  offTopicHighlights: number;
}

export const emptyTally = (): Tally => ({ pages: 0, hit: 0, missed: 0, right: 0, wrong: 0, offTopicHighlights: 0 });

export const recall = (t: Tally): number => (t.hit + t.missed === 0 ? 1 : t.hit / (t.hit + t.missed));
export const precision = (t: Tally): number => (t.right + t.wrong === 0 ? 1 : t.right / (t.right + t.wrong));

export function add(into: Tally, t: Tally): void {
  into.pages += t.pages;
  into.hit += t.hit;
  into.missed += t.missed;
  into.right += t.right;
  into.wrong += t.wrong;
  into.offTopicHighlights += t.offTopicHighlights;
}

/** One page's tally, and what was missed or not wanted, for the report. */
export function scorePage(expected: Expected, found: readonly Found[]): { tally: Tally; misses: string[]; extras: string[] } {
  const key = (m: { entity: string; text: string }) => `${m.entity}\u0000${m.text}`;
  const want = new Map<string, number>();
  for (const m of expected.mentions) want.set(key(m), (want.get(key(m)) ?? 0) + 1);
  const got = new Map<string, { n: number; kind: string }>();
  for (const m of found) {
    const row = got.get(key(m)) ?? { n: 0, kind: m.kind };
    row.n++;
    got.set(key(m), row);
  }
  const tally = emptyTally();
  tally.pages = 1;
  const misses: string[] = [];
  const extras: string[] = [];
  const label = (k: string) => k.replace('\u0000', ': "') + '"';
  for (const [k, n] of want) {
    const hit = Math.min(n, got.get(k)?.n ?? 0);
    tally.hit += hit;
    tally.missed += n - hit;
    if (n > hit) misses.push(`${label(k)} ×${n - hit}`);
  }
  for (const [k, { n, kind }] of got) {
    const expectedCount = want.get(k) ?? 0;
    const extra = n - Math.min(n, expectedCount);
    if (PRECISION_KINDS.has(kind)) {
      tally.right += n - extra;
      tally.wrong += extra;
    }
    if (extra > 0) extras.push(`${label(k)} ×${extra}`);
  }
  if (!expected.topic) tally.offTopicHighlights = found.length;
  return { tally, misses, extras };
}

/** The language a page is counted under: its base tag (zh-Hans and zh-Hant are both zh). */
export const baseLanguage = (lang: string): string => lang.split('-')[0]!;
