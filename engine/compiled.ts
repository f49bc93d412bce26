// The compiled dictionary: a trie of every alias form over folded character classes,
// stored in flat typed arrays so that it can be built once per pack version (in the
// background or the CLI), shipped to a page as one string, and used there without
// any further work beyond decoding.
//
// States are numbered breadth first, so the children of a state are consecutive and an
// edge needs only its label. Every BMP code unit maps to one 16-bit cell: its folded
// class in the low 14 bits and its script category (engine/script.ts) in the top 2.

export const FORMAT = 2;

export const CLASS_BITS = 14;
export const CLASS_MASK = (1 << CLASS_BITS) - 1;

/** Character classes 0-2 are fixed; letters used by some pattern get 3 and up. */
export const CLASS_NONE = 0;
export const CLASS_IGNORABLE = 1;
export const CLASS_SPACE = 2;
export const FIRST_LETTER_CLASS = 3;

export const enum Role {
  Mention = 0,
  Context = 1,
  /**
   * A phrase or ordinary word that contains or overlaps an alias but names nothing:
   * "Ascend Elements", "wet AMD", 三星期 ("three weeks" around 三星, Samsung).
   */
  FalseFriend = 2,
}

export const enum PatternFlag {
  CaseSensitive = 1,
  EndWord = 8,
  EndKatakana = 16,
}

export const enum Requirement {
  Entity = 0,
  Kind = 1,
  Context = 2,
  /** "!context:not-…": refused on a page that has a word of this context (another sense of the name). */
  Unless = 3,
}

/** Set on a requirement that must hold together with the one after it ("context:export+kind:chip"). */
export const REQ_AND = 1 << 30;

/** Longest folded alias form. */
export const MAX_PATTERN_LENGTH = 255;

export interface CompiledDictionary {
  format: typeof FORMAT;
  /** Content hash: equal ids mean equal dictionaries. */
  id: string;
  entities: string[];
  /** Index into kinds, per entity. */
  entityKind: Uint16Array;
  kinds: string[];
  contexts: string[];
  /** Run-length encoded cell (class | category << 14) of every BMP code unit: (length, cell) pairs. */
  cellRuns: Uint16Array;
  alphabetSize: number;
  /** State reached from the root by each class, or -1. */
  rootNext: Int32Array;
  /** Children of state s are the states childStart[s] .. childStart[s+1]-1, sorted by label. */
  childStart: Uint32Array;
  /** Class on the edge into each state. */
  label: Uint16Array;
  /** Key ending at this state, or -1. */
  output: Int32Array;
  keyStart: Uint32Array;
  keyPatterns: Uint32Array;
  patRole: Uint8Array;
  patRef: Uint32Array;
  patFlags: Uint8Array;
  /** Requirements of pattern p are reqs[reqStart[p] .. reqStart[p+1]), each (type << 24 | index). */
  reqStart: Uint32Array;
  reqs: Uint32Array;
  /** Exact form for case-sensitive patterns, "" otherwise. */
  patForm: string[];
  /**
   * Where each pattern comes from (the alias or word as the pack writes it, and the
   * form), for explanations. Kept by compileDictionary; not shipped to pages.
   */
  patSource?: { text: string; form: string }[];
}

type ArrayKey = {
  [K in keyof CompiledDictionary]-?: CompiledDictionary[K] extends ArrayBufferView ? K : never;
}[keyof CompiledDictionary];

const ARRAYS: readonly [ArrayKey, 'u8' | 'u16' | 'u32' | 'i32'][] = [
  ['entityKind', 'u16'],
  ['cellRuns', 'u16'],
  ['rootNext', 'i32'],
  ['childStart', 'u32'],
  ['label', 'u16'],
  ['output', 'i32'],
  ['keyStart', 'u32'],
  ['keyPatterns', 'u32'],
  ['patRole', 'u8'],
  ['patRef', 'u32'],
  ['patFlags', 'u8'],
  ['reqStart', 'u32'],
  ['reqs', 'u32'],
];

const CTORS = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, i32: Int32Array } as const;

interface Header {
  format: number;
  id: string;
  entities: string[];
  kinds: string[];
  contexts: string[];
  alphabetSize: number;
  patForm: string[];
  lengths: number[];
}

/**
 * Encodes a compiled dictionary as one string (JSON header, newline, base64 body), the
 * cheapest shape for extension messaging, which serialises messages as JSON.
 */
export function encodeDictionary(d: CompiledDictionary): string {
  const lengths = ARRAYS.map(([key]) => d[key].length);
  let size = 0;
  const offsets: number[] = [];
  for (const [key] of ARRAYS) {
    offsets.push(size);
    size += align4(d[key].byteLength);
  }
  const bytes = new Uint8Array(size);
  ARRAYS.forEach(([key], i) => {
    const a = d[key];
    bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), offsets[i]);
  });
  const header: Header = {
    format: d.format,
    id: d.id,
    entities: d.entities,
    kinds: d.kinds,
    contexts: d.contexts,
    alphabetSize: d.alphabetSize,
    patForm: d.patForm,
    lengths,
  };
  return JSON.stringify(header) + '\n' + toBase64(bytes);
}

export class DictionaryFormatError extends Error {}

export function decodeDictionary(encoded: string): CompiledDictionary {
  const nl = encoded.indexOf('\n');
  if (nl < 0) throw new DictionaryFormatError('not an encoded dictionary');
  const header = JSON.parse(encoded.slice(0, nl)) as Header;
  if (header.format !== FORMAT) throw new DictionaryFormatError(`dictionary format ${header.format}, expected ${FORMAT}`);
  const bytes = fromBase64(encoded.slice(nl + 1));
  const out: Partial<Record<ArrayKey, ArrayBufferView>> = {};
  let offset = 0;
  ARRAYS.forEach(([key, type], i) => {
    const Ctor = CTORS[type];
    const length = header.lengths[i]!;
    out[key] = new Ctor(bytes.buffer, bytes.byteOffset + offset, length);
    offset += align4(length * Ctor.BYTES_PER_ELEMENT);
  });
  if (offset !== bytes.byteLength) throw new DictionaryFormatError('dictionary body has the wrong size');
  return {
    format: FORMAT,
    id: header.id,
    entities: header.entities,
    kinds: header.kinds,
    contexts: header.contexts,
    alphabetSize: header.alphabetSize,
    patForm: header.patForm,
    ...(out as Pick<CompiledDictionary, ArrayKey>),
  };
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  // Native decoding where the browser has it (Chrome 140, Firefox 133): several times faster.
  const U8 = Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array<ArrayBuffer> };
  if (typeof U8.fromBase64 === 'function') return U8.fromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Expands the run-length cell table into one entry per BMP code unit. */
export function expandCells(runs: Uint16Array): Uint16Array {
  const table = new Uint16Array(0x10000);
  let at = 0;
  for (let i = 0; i < runs.length; i += 2) {
    const length = runs[i]!;
    table.fill(runs[i + 1]!, at, at + length);
    at += length;
  }
  return table;
}
