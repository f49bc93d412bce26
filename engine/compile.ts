// Builds the automaton from dictionary input. This is the expensive step (tens of
// milliseconds for thousands of terms): the background runs it once per pack version
// and caches the result; the CLI runs it once per invocation.

import { expandForms } from './expand';
import { canonicalForm, foldString, foldTable, IGNORABLE, SPACE } from './fold';
import { Category, categoryOf } from './script';
import {
  CLASS_BITS,
  CLASS_IGNORABLE,
  CLASS_MASK,
  CLASS_NONE,
  CLASS_SPACE,
  FIRST_LETTER_CLASS,
  FORMAT,
  MAX_PATTERN_LENGTH,
  PatternFlag,
  REQ_AND,
  Requirement,
  Role,
  type CompiledDictionary,
} from './compiled';
import type { DictionaryInput } from './types';

export class DictionaryError extends Error {}

interface PatternSpec {
  key: string;
  role: Role;
  ref: number;
  flags: number;
  reqs: number[];
  form: string;
  source: { text: string; form: string };
}

export function compileDictionary(input: DictionaryInput): CompiledDictionary {
  const entities: string[] = [];
  const entityIndex = new Map<string, number>();
  const kinds: string[] = [];
  const kindIndex = new Map<string, number>();
  const entityKind: number[] = [];
  const contexts = Object.keys(input.contexts ?? {}).sort();
  const contextIndex = new Map(contexts.map((name, i) => [name, i]));

  const internKind = (kind: string): number => {
    let k = kindIndex.get(kind);
    if (k === undefined) {
      k = kinds.length;
      kinds.push(kind);
      kindIndex.set(kind, k);
    }
    return k;
  };
  for (const term of input.terms) {
    const known = entityIndex.get(term.entity);
    if (known === undefined) {
      entityIndex.set(term.entity, entities.length);
      entities.push(term.entity);
      entityKind.push(internKind(term.kind));
    } else if (kinds[entityKind[known]!] !== term.kind) {
      throw new DictionaryError(`entity "${term.entity}" is given two kinds: ${kinds[entityKind[known]!]} and ${term.kind}`);
    }
  }

  const specs: PatternSpec[] = [];
  const addForms = (text: string, role: Role, ref: number, caseSensitive: boolean, reqs: number[]): void => {
    for (const form of expandForms(text)) {
      const key = foldString(form);
      if (key.length === 0) throw new DictionaryError(`alias "${text}" has no matchable characters`);
      if (key.length > MAX_PATTERN_LENGTH) throw new DictionaryError(`alias "${text}" is longer than ${MAX_PATTERN_LENGTH} characters`);
      specs.push({
        key,
        role,
        ref,
        flags: (caseSensitive ? PatternFlag.CaseSensitive : 0) | edgeFlags(form),
        reqs,
        form: caseSensitive ? canonicalForm(form) : '',
        source: { text, form },
      });
    }
  };

  for (const term of input.terms) {
    const reqs = (term.requires ?? []).flatMap((r) => {
      const parts = r.split('+').map((part) => encodeRequirement(part, entityIndex, kindIndex, contextIndex, term.entity));
      return parts.map((code, i) => (i < parts.length - 1 ? code | REQ_AND : code));
    });
    addForms(term.alias, Role.Mention, entityIndex.get(term.entity)!, term.caseSensitive === true, reqs);
  }
  for (const name of contexts) {
    for (const word of input.contexts![name]!) addForms(word, Role.Context, contextIndex.get(name)!, false, []);
  }
  for (const ff of input.falseFriends ?? []) {
    const e = entityIndex.get(ff.entity);
    if (e === undefined) throw new DictionaryError(`false friend "${ff.text}" names unknown entity "${ff.entity}"`);
    addForms(ff.text, Role.FalseFriend, e, false, []);
  }


  // Keys: distinct folded strings; several patterns may share one.
  const keyIndex = new Map<string, number>();
  const keyPatternLists: number[][] = [];
  const keys: string[] = [];
  specs.forEach((spec, p) => {
    let k = keyIndex.get(spec.key);
    if (k === undefined) {
      k = keys.length;
      keyIndex.set(spec.key, k);
      keys.push(spec.key);
      keyPatternLists.push([]);
    }
    keyPatternLists[k]!.push(p);
  });

  // Alphabet: every folded unit used by a key gets its own class.
  const letters = new Set<number>();
  for (const key of keys) for (let i = 0; i < key.length; i++) letters.add(key.charCodeAt(i));
  letters.delete(SPACE);
  const letterClass = new Map<number, number>();
  [...letters].sort((a, b) => a - b).forEach((code, i) => letterClass.set(code, FIRST_LETTER_CLASS + i));
  const alphabetSize = FIRST_LETTER_CLASS + letters.size;
  const classOfFolded = (f: number): number =>
    f === IGNORABLE ? CLASS_IGNORABLE : f === SPACE ? CLASS_SPACE : letterClass.get(f) ?? CLASS_NONE;

  // Trie, built with maps, then renumbered breadth first so that every state's
  // children are consecutive and sorted by class.
  const children: Map<number, number>[] = [new Map()];
  const outputOf: number[] = [-1];
  keys.forEach((key, k) => {
    let s = 0;
    for (let i = 0; i < key.length; i++) {
      const c = classOfFolded(key.charCodeAt(i));
      let t = children[s]!.get(c);
      if (t === undefined) {
        t = children.length;
        children.push(new Map());
        outputOf.push(-1);
        children[s]!.set(c, t);
      }
      s = t;
    }
    outputOf[s] = k;
  });
  const stateCount = children.length;
  const order: number[] = [0];
  const labels: number[] = [0];
  const childStart = new Uint32Array(stateCount + 1);
  for (let qi = 0; qi < order.length; qi++) {
    childStart[qi] = order.length;
    for (const [c, t] of [...children[order[qi]!]!].sort((a, b) => a[0] - b[0])) {
      order.push(t);
      labels.push(c);
    }
  }
  childStart[stateCount] = stateCount;
  const label = Uint16Array.from(labels);
  const output = Int32Array.from(order, (old) => outputOf[old]!);
  const rootNext = new Int32Array(alphabetSize).fill(-1);
  for (let t = childStart[0]!; t < childStart[1]!; t++) rootNext[label[t]!] = t;
  if (alphabetSize > CLASS_MASK) throw new DictionaryError(`the aliases use ${alphabetSize} distinct characters; at most ${CLASS_MASK} fit`);

  // Cell of every BMP code unit (folded class and script category), run-length encoded.
  const fold = foldTable();
  const runs: number[] = [];
  let runCell = -1;
  let runLength = 0;
  for (let code = 0; code < 0x10000; code++) {
    // A character counts as the script of what it folds to: ㊃ and ㆕ are the ideograph
    // 四, unspaced like it, so every character of one class has one category.
    const f = fold[code]!;
    const category = f === IGNORABLE || f === SPACE || (f >= 0xd800 && f <= 0xdfff) ? categoryOf(code) : categoryOf(f);
    const cell = classOfFolded(f) | (category << CLASS_BITS);
    if (cell !== runCell || runLength === 0xffff) {
      if (runLength > 0) runs.push(runLength, runCell);
      runCell = cell;
      runLength = 0;
    }
    runLength++;
  }
  runs.push(runLength, runCell);

  const keyStart = new Uint32Array(keys.length + 1);
  const keyPatterns = new Uint32Array(specs.length);
  let kp = 0;
  keyPatternLists.forEach((list, k) => {
    keyStart[k] = kp;
    for (const p of list) keyPatterns[kp++] = p;
  });
  keyStart[keys.length] = kp;

  const reqStart = new Uint32Array(specs.length + 1);
  const reqs: number[] = [];
  specs.forEach((spec, p) => {
    reqStart[p] = reqs.length;
    reqs.push(...spec.reqs);
  });
  reqStart[specs.length] = reqs.length;

  const compiled: CompiledDictionary = {
    format: FORMAT,
    id: '',
    entities,
    entityKind: Uint16Array.from(entityKind),
    kinds,
    contexts,
    cellRuns: Uint16Array.from(runs),
    alphabetSize,
    rootNext,
    childStart,
    label,
    output,
    keyStart,
    keyPatterns,
    patRole: Uint8Array.from(specs, (s) => s.role),
    patRef: Uint32Array.from(specs, (s) => s.ref),
    patFlags: Uint8Array.from(specs, (s) => s.flags),
    reqStart,
    reqs: Uint32Array.from(reqs),
    patForm: specs.map((s) => s.form),
    patSource: specs.map((s) => s.source),
  };
  compiled.id = contentHash(compiled, keys);
  return compiled;
}

function encodeRequirement(
  req: string,
  entityIndex: Map<string, number>,
  kindIndex: Map<string, number>,
  contextIndex: Map<string, number>,
  owner: string,
): number {
  if (req.startsWith('!context:')) {
    const index = contextIndex.get(req.slice(9));
    if (index === undefined) throw new DictionaryError(`"${owner}" requires unknown context "${req.slice(9)}"`);
    return (Requirement.Unless << 24) | index;
  }
  const colon = req.indexOf(':');
  const type = req.slice(0, colon);
  const name = req.slice(colon + 1);
  const table = type === 'entity' ? entityIndex : type === 'kind' ? kindIndex : type === 'context' ? contextIndex : undefined;
  if (!table) throw new DictionaryError(`"${owner}" requires "${req}": expected entity:, kind: or context:`);
  const index = table.get(name);
  if (index === undefined) throw new DictionaryError(`"${owner}" requires unknown ${type} "${name}"`);
  const code = type === 'entity' ? Requirement.Entity : type === 'kind' ? Requirement.Kind : Requirement.Context;
  return (code << 24) | index;
}

/**
 * The end boundary follows the script of the form's last letter. (The start boundary
 * follows the first letter's script and is checked where a walk may begin.)
 */
function edgeFlags(form: string): number {
  const trimmed = form.trim();
  const last = categoryOf(trimmed.charCodeAt(trimmed.length - 1));
  let flags = 0;
  if (last === Category.Word) flags |= PatternFlag.EndWord;
  if (last === Category.Katakana) flags |= PatternFlag.EndKatakana;
  return flags;
}

/** FNV-1a over everything that affects matching. */
function contentHash(d: CompiledDictionary, keys: string[]): string {
  let h = 0x811c9dc5;
  const mix = (n: number): void => {
    h ^= n & 0xffff;
    h = Math.imul(h, 0x01000193);
  };
  const text = JSON.stringify([d.entities, d.kinds, d.contexts, d.patForm, keys]);
  for (let i = 0; i < text.length; i++) mix(text.charCodeAt(i));
  for (const a of [d.entityKind, d.keyStart, d.keyPatterns, d.patRole, d.patRef, d.patFlags, d.reqStart, d.reqs]) {
    for (let i = 0; i < a.length; i++) {
      mix(a[i]!);
      mix(a[i]! >>> 16);
    }
  }
  return (h >>> 0).toString(16).padStart(8, '0') + '-' + keys.length.toString(36);
}
