// npm run --silent scan -- [--json] FILE.html...
// Prints what Gloss would highlight in each saved page.
import { readFileSync } from 'node:fs';
import { bundledMatcher } from '../scan/bundled';
import { scanHtml, type ScannedMention } from '../scan/scan';

const args = process.argv.slice(2);
const json = args.includes('--json');
const files = args.filter((a) => a !== '--json');
if (files.length === 0) {
  process.stderr.write('usage: npm run --silent scan -- [--json] FILE.html...\n');
  process.exit(2);
}
const matcher = bundledMatcher();
let failed = false;
for (const file of files) {
  let html: string;
  try {
    html = readFileSync(file, 'utf8');
  } catch (e) {
    process.stderr.write(`${file}: ${(e as Error).message}\n`);
    failed = true;
    continue;
  }
  const mentions = scanHtml(matcher, html);
  if (json) process.stdout.write(JSON.stringify({ file, mentions: mentions.map(({ entity, kind, text }) => ({ entity, kind, text })) }) + '\n');
  else process.stdout.write(summary(file, mentions));
}
process.exit(failed ? 1 : 0);

function summary(file: string, mentions: ScannedMention[]): string {
  const byEntity = new Map<string, { kind: string; count: number; texts: Set<string> }>();
  for (const m of mentions) {
    const row = byEntity.get(m.entity) ?? { kind: m.kind, count: 0, texts: new Set<string>() };
    row.count++;
    row.texts.add(m.text);
    byEntity.set(m.entity, row);
  }
  const lines = [`${file}: ${mentions.length} mention${mentions.length === 1 ? '' : 's'} of ${byEntity.size} entit${byEntity.size === 1 ? 'y' : 'ies'}`];
  const kinds = [...new Set([...byEntity.values()].map((r) => r.kind))].sort();
  for (const kind of kinds) {
    const rows = [...byEntity.entries()].filter(([, r]) => r.kind === kind).sort((a, b) => b[1].count - a[1].count);
    lines.push(`  ${kind.padEnd(8)} ${rows.map(([id, r]) => `${id} ×${r.count} (${[...r.texts].join(', ')})`).join('; ')}`);
  }
  return lines.join('\n') + '\n';
}
