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

describe('npm run scan -- --explain', () => {
  it('says, for every place an alias matched, the alias, the form and what let it through or refused it', () => {
    const out = run('scan', '--', '--explain', 'tests/fixtures/holdout-2/zh-hant-gongshang-rtx-pro-cac.html');
    expect(out).toMatch(/: about the topic \(\d+ confident mentions \(needs 2\) of \d+ entities \(needs 2\)/);
    // A certain name, a name whose context was met, a later mention of an agency, a near-word.
    expect(out).toMatch(/\+ «輝達» nvidia \(company\) alias "輝達" form "輝達": needs no context; page on topic/);
    expect(out).toMatch(/\+ «許可證» export-licence \(rule\) alias "許可證" form "許可證": context met: [^\n]*context:export\+kind:chip/);
    expect(out).toMatch(/- «國家網信辦» cac \(org\) [^\n]*later mention of a person, place or agency/);
    expect(out).toMatch(/- «三星» samsung \(company\) alias "三星" form "三星": inside false friend or near-word «三星期»/);
  });

  it('says why a page about something else shows nothing', () => {
    const lines = run('scan', '--', '--explain', '--json', 'tests/fixtures/holdout-2/en-healthline-wet-amd-injections.html')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { topic: { onTopic: boolean }; items: { text: string; shown: boolean; why: string }[] });
    expect(lines[0]!.topic.onTopic).toBe(false);
    const amd = lines[0]!.items.filter((i) => i.text === 'AMD');
    expect(amd.length).toBeGreaterThan(3);
    expect(amd.every((i) => !i.shown)).toBe(true);
    // The page says "macular degeneration": AMD is the disease here, whatever else it mentions.
    expect(amd.map((i) => i.why)).toContain('the page uses the name in another sense (not-eye-disease)');
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
