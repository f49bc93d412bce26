// npm run --silent scan -- [--json] [--explain] [--all-mentions] FILE.html...
// Prints what Gloss would highlight in each saved page. --explain prints every place
// where an alias matched: the alias and form, and the context or gate that let it
// through, or why it was refused. --all-mentions shows people, places and agencies at
// every mention, not only the first (the setting readers can turn on).
import { readFileSync } from 'node:fs';
import { bundledMatcher } from '../scan/bundled';
import { explainHtml, scanHtml, topicWords, type Explanation, type ScannedMention } from '../scan/scan';

const FLAGS = ['--json', '--explain', '--all-mentions'];
const args = process.argv.slice(2);
const json = args.includes('--json');
const explain = args.includes('--explain');
const options = { firstMentionOnly: !args.includes('--all-mentions') };
const files = args.filter((a) => !FLAGS.includes(a));
const unknown = files.filter((a) => a.startsWith('--'));
if (files.length === 0 || unknown.length > 0) {
  process.stderr.write(`${unknown.length ? `unknown option ${unknown.join(' ')}\n` : ''}usage: npm run --silent scan -- [--json] [--explain] [--all-mentions] FILE.html...\n`);
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
  if (explain) {
    const explanation = explainHtml(matcher, html, options);
    if (json) process.stdout.write(JSON.stringify({ file, ...explanation }) + '\n');
    else process.stdout.write(explained(file, explanation));
    continue;
  }
  const mentions = scanHtml(matcher, html, options);
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

function explained(file: string, { topic, items }: Explanation): string {
  const shown = items.filter((i) => i.shown).length;
  const lines = [
    `${file}: ${topic.onTopic ? 'about the topic' : 'not about the topic'} (${topicWords(topic)}); ${shown} shown, ${items.length - shown} refused`,
  ];
  for (const i of items) {
    lines.push(`  ${i.shown ? '+' : '-'} «${i.text}» ${i.entity} (${i.kind}) alias "${i.alias}" form "${i.form}": ${i.why}`);
    lines.push(`      …${i.context}…`);
  }
  return lines.join('\n') + '\n';
}
