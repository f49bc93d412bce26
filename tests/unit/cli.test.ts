// The command-line tools, run as people run them.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const run = (...args: string[]) => execFileSync('npm', ['run', '--silent', ...args], { encoding: 'utf8', timeout: 60_000 });

describe('npm run scan', () => {
  it('prints one JSON object per file with the page text of every mention in page order', () => {
    const lines = run('scan', '--', '--json', 'tests/fixtures/pages/el-demo-offshore-training.html', 'tests/fixtures/pages/en-riversidecourier-bermondsey-half-marathon.html')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { file: string; mentions: { entity: string; kind: string; text: string }[] });
    expect(lines.map((l) => l.file)).toEqual(['tests/fixtures/pages/el-demo-offshore-training.html', 'tests/fixtures/pages/en-riversidecourier-bermondsey-half-marathon.html']);
    const greek = lines[0]!.mentions;
    expect(greek.slice(0, 1)).toEqual([{ entity: 'nvidia', kind: 'company', text: 'Nvidia' }]);
    expect(greek).toContainEqual({ entity: 'ai-diffusion-rule', kind: 'rule', text: 'κανόνας διάδοσης' });
    expect(greek.filter((m) => m.entity === 'h20').map((m) => m.text)).toEqual(['H20', 'H20']);
    expect(lines[1]!.mentions).toEqual([]);
  });

  it('prints a readable summary without --json and fails on a missing file', () => {
    expect(run('scan', '--', 'tests/fixtures/pages/el-demo-offshore-training.html')).toMatch(/el-demo-offshore-training\.html: \d+ mentions of \d+ entities\n\s+chip\s+h20 ×2/);
    expect(() => run('scan', '--', 'no-such-page.html')).toThrow();
  });
});

describe('npm run pack:stats', () => {
  it('prints the counts of the bundled pack as one JSON object', () => {
    const stats = JSON.parse(run('pack:stats')) as Record<string, unknown>;
    expect(Object.keys(stats)).toEqual(['entities', 'events', 'eventsWithSource', 'aliasLanguages', 'summaryLanguages']);
    expect(stats.events).toBe(stats.eventsWithSource);
    expect(Object.keys(stats.entities as object).sort()).toEqual(['chip', 'company', 'model', 'org', 'person', 'place', 'rule']);
  });
});
