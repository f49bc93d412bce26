import { describe, expect, it } from 'vitest';
import { parseIsoTime } from '../../../model/interchange/dates';
import { findJsonSyntaxError } from '../../../model/interchange/json-syntax';
import { canonicalJson, noteIdForIri } from '../../../model/interchange/note-id';
import { toGlossJson } from '../../../model/interchange';
import { sampleBundle } from './interchange-fixture';

describe('finding where a file stops being JSON', () => {
  it('points at the first character that cannot be JSON, by line and column', () => {
    expect(findJsonSyntaxError('{"a": }')).toMatchObject({ offset: 6, line: 1, column: 7, found: 'unexpected "}"' });
    expect(findJsonSyntaxError('{\n  "a": 1\n  "b": 2\n}')).toMatchObject({ line: 3, column: 3, found: 'unexpected "\\""' });
    expect(findJsonSyntaxError('[1, 2')).toMatchObject({ offset: 5, found: 'the file ends too soon' });
    expect(findJsonSyntaxError('{"a": tru}')).toMatchObject({ offset: 9 });
    expect(findJsonSyntaxError('{"a": -x}')).toMatchObject({ offset: 7 });
    expect(findJsonSyntaxError('{"a": 01}')).toMatchObject({ offset: 7 });
    expect(findJsonSyntaxError('"tab\there"')).toMatchObject({ offset: 4, found: 'unexpected control character U+0009' });
    expect(findJsonSyntaxError('"bad \\x escape"')).toMatchObject({ offset: 6 });
    expect(findJsonSyntaxError('{} {}')).toMatchObject({ offset: 3 });
    expect(findJsonSyntaxError("{'a': 1}")).toMatchObject({ offset: 1 });
  });

  it('finds nothing wrong in JSON, however deeply nested', () => {
    expect(findJsonSyntaxError(toGlossJson(sampleBundle()))).toBeUndefined();
    expect(findJsonSyntaxError(' {"a": [1, -2.5e+3, true, false, null, "\\u00e9\\n", {}], "b": {"c": []}} ')).toBeUndefined();
    expect(findJsonSyntaxError(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toBeUndefined();
  });

  it('agrees with JSON.parse on thousands of damaged files', () => {
    const good = toGlossJson(sampleBundle());
    const junk = ['', '}', ']', '"', ',', ':', '\\', 'x', '0', '-', '\n', '{', '[', 'e', '.'];
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let refused = 0;
    for (let k = 0; k < 3000; k++) {
      const at = random(good.length);
      const text = good.slice(0, at) + junk[random(junk.length)]! + good.slice(at + 1 + random(3));
      let parses = true;
      try {
        JSON.parse(text);
      } catch {
        parses = false;
      }
      expect(findJsonSyntaxError(text) === undefined, text.slice(Math.max(0, at - 20), at + 20)).toBe(parses);
      if (!parses) refused++;
    }
    expect(refused).toBeGreaterThan(1000);
  });
});

describe('reading times other tools wrote', () => {
  it('reads ISO 8601 with a zone, with microseconds, without a zone (as UTC), and dates alone', () => {
    expect(parseIsoTime('2025-04-16T08:12:48.589150+00:00')).toBe(Date.UTC(2025, 3, 16, 8, 12, 48, 589));
    expect(parseIsoTime('2025-04-16T10:12:48+02:00')).toBe(Date.UTC(2025, 3, 16, 8, 12, 48));
    expect(parseIsoTime('2025-04-16T03:12:48-0500')).toBe(Date.UTC(2025, 3, 16, 8, 12, 48));
    expect(parseIsoTime('2025-04-16 08:12')).toBe(Date.UTC(2025, 3, 16, 8, 12));
    expect(parseIsoTime('2025-04-16')).toBe(Date.UTC(2025, 3, 16));
    expect(parseIsoTime('2026-11-03T09:30:15.123Z')).toBe(Date.UTC(2026, 10, 3, 9, 30, 15, 123));
  });

  it('refuses what is not a date and time, or a date that does not exist', () => {
    for (const s of ['last Tuesday', '16/04/2025', '2025-02-30', '2025-13-01', '2025-04-16T25:00', '1744791168589', '']) expect(parseIsoTime(s), s).toBeUndefined();
  });
});

describe('ids for annotations from other tools', () => {
  it('are 26 characters of the note id alphabet, the same for the same IRI, different for another', async () => {
    const a = await noteIdForIri('https://hypothes.is/a/Ab1_cD2-eF3');
    expect(a).toMatch(/^[0-9a-hjkmnp-tv-z]{26}$/);
    expect(await noteIdForIri('https://hypothes.is/a/Ab1_cD2-eF3')).toBe(a);
    expect(await noteIdForIri('https://hypothes.is/a/Ab1_cD2-eF4')).not.toBe(a);
  });

  it('identify content by JSON whose key order does not matter', () => {
    expect(canonicalJson({ b: [1, { d: 1, c: 2 }], a: 'x', u: undefined })).toBe('{"a":"x","b":[1,{"c":2,"d":1}]}');
  });
});
