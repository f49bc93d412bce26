import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corePack } from '../../../knowledge/core';
import { packContentHash, type ReleaseRecord } from '../../../knowledge/release';

const released = JSON.parse(readFileSync('knowledge/core/release.json', 'utf8')) as ReleaseRecord;

describe('the bundled pack’s version', () => {
  it('names the content it was released with: changed content needs a higher version, or readers never get it', () => {
    expect(released.version, 'knowledge/core/release.json is for another version: run npm run pack:release').toBe(corePack.pack.version);
    expect(
      packContentHash(corePack),
      `gloss-core's content changed since ${released.version} was recorded: raise "version" in knowledge/core/pack.json, then run npm run pack:release`,
    ).toBe(released.contentSha256);
  });

  it('hashes content, not the version, and sees a change in any field', () => {
    const bumped = { ...corePack, pack: { ...corePack.pack, version: '99.0.0' } };
    expect(packContentHash(bumped)).toBe(packContentHash(corePack));
    const edited = { ...corePack, entities: corePack.entities.map((e, i) => (i === 0 ? { ...e, id: `${e.id}-x` } : e)) };
    expect(packContentHash(edited)).not.toBe(packContentHash(corePack));
  });
});
