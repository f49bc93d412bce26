// npx tsx scripts/near-words.ts WORDLIST [MIN_FREQ]
// Lists near-word candidates for the bundled pack's short Chinese and Japanese aliases:
// ordinary words of a word list that would put an alias inside or across a word
// boundary (三星 in 三星级 "three-star"; 三星 across 三|星期 "three weeks"; 华为 across
// 中华|为). WORDLIST is one word per line, optionally followed by a frequency (the
// jieba dictionary's "word freq tag" format, built from real text). The output is for
// a person to review: candidates that really are ordinary words go into the pack as
// false friends of the entity (docs/knowledge-pack.md, "Near-words"); names of the
// entity itself (三星电子) are not near-words.
import { readFileSync } from 'node:fs';
import { expandForms } from '../engine';
import { bundledPacks } from '../scan/bundled';

const [file, minArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: npx tsx scripts/near-words.ts WORDLIST [MIN_FREQ]\n');
  process.exit(2);
}
const minFreq = Number(minArg ?? 3);
const CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+$/u;

const words = new Map<string, number>();
for (const line of readFileSync(file, 'utf8').split('\n')) {
  const [word, freq] = line.trim().split(/\s+/);
  if (word && CJK.test(word)) words.set(word, Math.max(words.get(word) ?? 0, Number(freq ?? 1) || 1));
}

const aliases = new Map<string, string>(); // form -> entity
const known = new Set<string>(); // every form of every alias and false friend
for (const pack of bundledPacks()) {
  for (const e of pack.entities) {
    for (const a of e.aliases) {
      for (const form of expandForms(a.text)) {
        known.add(form);
        if (CJK.test(form) && [...form].length <= 3) aliases.set(form, e.id);
      }
    }
    for (const ff of e.falseFriends ?? []) for (const form of expandForms(ff)) known.add(form);
  }
}

const out: { entity: string; alias: string; nearWord: string; word: string; freq: number; how: string }[] = [];
for (const [alias, entity] of aliases) {
  for (const [word, freq] of words) {
    if (freq < minFreq || word === alias) continue;
    // The alias inside a longer word.
    if (word.includes(alias)) {
      if (![...known].some((k) => k !== alias && k.includes(alias) && word.includes(k))) out.push({ entity, alias, nearWord: word, word, freq, how: 'contains' });
      continue;
    }
    // A word that begins with the alias's tail: the alias's head ends the word before.
    for (let k = 1; k < alias.length; k++) {
      const tail = alias.slice(k);
      if (word.startsWith(tail) && word.length > tail.length) out.push({ entity, alias, nearWord: alias.slice(0, k) + word, word, freq, how: 'across-end' });
      const head = alias.slice(0, alias.length - k);
      if (word.endsWith(head) && word.length > head.length) out.push({ entity, alias, nearWord: word + alias.slice(head.length), word, freq, how: 'across-start' });
    }
  }
}
out.sort((a, b) => a.entity.localeCompare(b.entity) || b.freq - a.freq);
for (const r of out) process.stdout.write(`${r.entity}\t${r.alias}\t${r.nearWord}\t${r.how}\t${r.word}\t${r.freq}\n`);
process.stderr.write(`${out.length} candidates for ${aliases.size} short aliases from ${words.size} words\n`);
