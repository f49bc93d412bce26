// Prints one JSON object describing the bundled packs (see docs/knowledge-pack.md).
import { checkPack, describeIssues } from '../knowledge/check';
import { corePack } from '../knowledge/core';
import { packStats } from '../knowledge/stats';

const checked = checkPack(corePack);
if (!checked.ok) {
  process.stderr.write(`gloss-core does not validate:\n${describeIssues(checked.issues, 50)}\n`);
  process.exit(1);
}
process.stdout.write(JSON.stringify(packStats([checked.pack])) + '\n');
