// Accessibility checks with axe-core: a page passes when axe finds no serious or
// critical violation. The message lists each one with the elements it concerns, so a
// failure says what to fix.
import AxeBuilder from '@axe-core/playwright';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

export interface AxeFinding {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

const BLOCKING = new Set(['serious', 'critical']);

/** Runs axe on the page (or on the parts `include` selects) and returns serious and critical findings. */
export async function seriousViolations(page: Page, options: { include?: string; exclude?: string[] } = {}): Promise<AxeFinding[]> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']);
  if (options.include) builder = builder.include(options.include);
  for (const e of options.exclude ?? []) builder = builder.exclude(e);
  const result = await builder.analyze();
  return result.violations
    .filter((v) => BLOCKING.has(v.impact ?? ''))
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

/** axe-core's own source, for running it where AxeBuilder cannot reach (an isolated world, a closed shadow root). */
export function axeSource(): string {
  return readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
}
