// Import errors in words: real issues from the pack check (knowledge/check.ts) explained
// with the English messages of public/_locales, as the options page shows them.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { checkPack } from '../../../knowledge/check';

const messages = JSON.parse(readFileSync(resolve('public/_locales/en/messages.json'), 'utf8')) as Record<
  string,
  { message: string; placeholders?: Record<string, { content: string }> }
>;

// browser.i18n.getMessage's substitution: $NAME$ → its placeholder's content → $n.
vi.mock('../../../components/i18n', () => ({
  t(key: string, subs: string | string[] = []) {
    const entry = messages[key];
    if (!entry) return key;
    const list = Array.isArray(subs) ? subs : [subs];
    return entry.message.replace(/\$([A-Za-z_]+)\$/g, (_, name: string) => {
      const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
      return content.replace(/\$(\d)/g, (_m, n: string) => list[Number(n) - 1] ?? '');
    });
  },
}));

const { explainIssue, pathSegments } = await import('../../../components/pack-issues');

const base = () => JSON.parse(readFileSync(resolve('tests/fixtures/packs/newsroom.json'), 'utf8'));

function explained(change: (p: any) => void): string[] {
  const pack = base();
  change(pack);
  const result = checkPack(pack);
  if (result.ok) throw new Error('the pack passed');
  return result.issues.map((i) => {
    const e = explainIssue(i, pack);
    return `${e.where}: ${e.problem} #${e.anchor}`;
  });
}

describe('import errors in words', () => {
  it('splits a path into names and positions', () => {
    expect(pathSegments('entities[3].aliases[1].text')).toEqual(['entities', 3, 'aliases', 1, 'text']);
    expect(pathSegments('')).toEqual([]);
  });

  it('quotes a hostile alias without its bidirectional overrides or control characters', () => {
    const all = explained((p) => {
      p.entities[0].aliases[1].text = 'P1\u202Egnp.exe\u0007';
    });
    const line = all.find((l) => l.startsWith('Entity “lumen-p1” (entity 1), alias 2'))!;
    expect(line).toContain('P1');
    expect(line).not.toMatch(/[\u0000-\u001F\u202A-\u202E\u2066-\u2069]/);
  });

  it('names the entity and alias, and says what is wrong without valibot’s phrasing', () => {
    const all = explained((p) => {
      p.entities[0].nickname = 'x';
      delete p.entities[0].kind;
      p.entities[0].aliases[1].caseSensitive = 'yes';
      p.entities[0].aliases = [...p.entities[0].aliases];
      p.pack.foo = 1;
    });
    expect(all).toContain('Entity “lumen-p1” (entity 1): “nickname” is not a field the pack format has here. Remove it, or check its spelling. #entities');
    expect(all).toContain('Entity “lumen-p1” (entity 1): The required field “kind” is missing. Add it. #entities');
    expect(all).toContain('Entity “lumen-p1” (entity 1), alias 2 (“P1”), field “caseSensitive”: This must be true or false, but the file has "yes". #aliases');
    expect(all).toContain('The pack header ("pack"): “foo” is not a field the pack format has here. Remove it, or check its spelling. #pack');
    for (const line of all) expect(line).not.toMatch(/Invalid (key|type|length)|Expected never|received undefined/);
  });

  it('explains references, duplicates and lengths', () => {
    const refs = explained((p) => {
      p.entities[0].related[0].entity = 'nvidai';
      p.entities.push({ ...p.entities[0], id: 'lumen-p1', related: [] });
    });
    expect(refs).toContain('Entity “lumen-p1” (entity 2): The id “lumen-p1” is used more than once. Give each one its own id. #entities');
    expect(refs.some((l) => l.startsWith('Entity “lumen-p1” (entity 1), related entity 1 (“nvidai”): No entity has the id “nvidai”'))).toBe(true);
    expect(refs).toContain('Event “2026-03-02-lumen-p1-samples” (event 1), entity 2 of its list (“nvidia”): No entity has the id “nvidia”, in this pack or in the installed packs. Correct the id, add that entity to the pack, or import the pack that has it first. #events');
    const long = explained((p) => (p.entities[0].summary.en = 'x'.repeat(5000)));
    expect(long).toContain('Entity “lumen-p1” (entity 1), field “summary” (language “en”): This is too long: at most 1200 (characters or items). Shorten it. #entities');
  });

  it('says a file that is not JSON is not JSON', () => {
    const e = explainIssue({ path: '', message: 'the file is not JSON: Unexpected token } in JSON at position 10' }, undefined);
    expect(e.where).toBe('The file');
    expect(e.problem).toMatch(/^This file is not valid JSON/);
  });
});
