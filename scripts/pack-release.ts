// Records the bundled pack's current content as its version's release
// (knowledge/core/release.json). Refuses when the content changed but the version in
// knowledge/core/pack.json was not raised: browsers that have the old version would
// never install the new content.
import { writeFileSync, readFileSync } from 'node:fs';
import { corePack } from '../knowledge/core';
import { packContentHash, type ReleaseRecord } from '../knowledge/release';
import { compareVersions } from '../knowledge/schema';

const file = new URL('../knowledge/core/release.json', import.meta.url);
const released = JSON.parse(readFileSync(file, 'utf8')) as ReleaseRecord;
const current: ReleaseRecord = { version: corePack.pack.version, contentSha256: packContentHash(corePack) };

if (current.contentSha256 === released.contentSha256 && current.version === released.version) {
  console.log(`gloss-core ${current.version}: content unchanged, nothing to record`);
} else if (compareVersions(current.version, released.version) <= 0) {
  console.error(
    `gloss-core's content differs from release ${released.version}, but knowledge/core/pack.json still says ${current.version}.\n` +
      `Raise "version" there above ${released.version}, then run this again.`,
  );
  process.exit(1);
} else {
  writeFileSync(file, JSON.stringify(current, null, 2) + '\n');
  console.log(`gloss-core ${current.version} recorded (was ${released.version})`);
}
