// The matcher for the packs that ship with Gloss, as the CLI and tests use it.

import { compileDictionary, Matcher } from '../engine';
import { checkPack, describeIssues } from '../knowledge/check';
import { corePack } from '../knowledge/core';
import { mergeContexts, toDictionary } from '../knowledge/dictionary';
import type { Pack } from '../knowledge/schema';

export function bundledPacks(): Pack[] {
  const checked = checkPack(corePack);
  if (!checked.ok) throw new Error(`gloss-core does not validate:\n${describeIssues(checked.issues)}`);
  return [checked.pack];
}

export function bundledMatcher(): Matcher {
  const packs = bundledPacks();
  const entities = packs.flatMap((p) => p.entities);
  return new Matcher(compileDictionary(toDictionary(entities, mergeContexts(packs.map((p) => p.contexts)))));
}
