// Which content each released version of the bundled pack had. Browsers install a bundled
// pack only when its version goes up (entrypoints/background/index.ts), so content that
// changes under the same version never reaches readers who already have it. The record in
// knowledge/core/release.json pins the content of the current version; a unit test fails
// when they drift, and `npm run pack:release` records a new version.
import { createHash } from 'node:crypto';
import type { Pack } from './schema';

export interface ReleaseRecord {
  version: string;
  /** sha256 of the pack as JSON, without its version. */
  contentSha256: string;
}

export function packContentHash(pack: Pack): string {
  const { version: _version, ...header } = pack.pack;
  return createHash('sha256').update(JSON.stringify({ ...pack, pack: header })).digest('hex');
}
