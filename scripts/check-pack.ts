// Validates a pack file (or the bundled pack when no file is given) and prints every
// issue with its field path. Exit code 1 when the pack would be refused.
import { readFileSync } from 'node:fs';
import { checkPack, describeIssues } from '../knowledge/check';
import { corePack } from '../knowledge/core';
import { compileDictionary } from '../engine';
import { toDictionary } from '../knowledge/dictionary';

const file = process.argv[2];
let input: unknown = corePack;
if (file) {
  try {
    input = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    process.stderr.write(`${file}: not JSON: ${(e as Error).message}\n`);
    process.exit(1);
  }
}
const checked = checkPack(input);
if (!checked.ok) {
  process.stderr.write(`${file ?? 'gloss-core'}: ${checked.issues.length} issue(s)\n${describeIssues(checked.issues, 200)}\n`);
  process.exit(1);
}
const dict = compileDictionary(toDictionary(checked.pack.entities, checked.pack.contexts ?? {}));
process.stdout.write(`${checked.pack.pack.id} ${checked.pack.pack.version}: ${checked.pack.entities.length} entities, ${checked.pack.events.length} events, ${checked.pack.sources.length} sources, ${dict.keyStart.length - 1} alias forms, ${dict.label.length} matcher states: OK\n`);
