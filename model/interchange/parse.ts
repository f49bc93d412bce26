// Reading a notes file someone chose to import. All or nothing: either every article
// and note in it is valid and the bundle is returned whole, or nothing is returned and
// every problem found is listed, each where it is in the file, so the reader can fix
// the file (or see it is the wrong one) in one go. Content is only ever read as data.

import { GLOSS_FORMAT } from './gloss-json';
import { shown } from './validate';
import { findJsonSyntaxError } from './json-syntax';
import { parseGlossFile } from './parse-gloss';
import { looksLikeWebAnnotations, parseWebAnnotations } from './parse-jsonld';
import type { Issue, ParseResult } from './types';

export interface ParseOptions {
  /** The time given to annotations that carry none, ms; defaults to now. */
  now?: number;
}

function refuse(path: string, message: string): ParseResult {
  return { ok: false, issues: [{ path, message }] };
}

/** One problem per place: a value that is wrong for two reasons is reported once, by the first. */
function onePerPath(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  const out: Issue[] = [];
  for (const issue of issues) {
    if (seen.has(issue.path)) continue;
    seen.add(issue.path);
    out.push(issue);
  }
  return out;
}

function notJson(text: string): ParseResult {
  const at = findJsonSyntaxError(text);
  const where = at ? ` (line ${at.line}, column ${at.column}: ${at.found})` : '';
  return refuse('', `this file is not JSON, so it is not a notes file Gloss can read${where}`);
}

export async function parseNotesFile(text: string, options: ParseOptions = {}): Promise<ParseResult> {
  // Editors on Windows often save JSON with a byte order mark, which JSON.parse refuses.
  const json = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (json.trim() === '') return refuse('', 'this file is empty');
  let root: unknown;
  try {
    root = JSON.parse(json);
  } catch {
    return notJson(json);
  }
  let result: ParseResult;
  if (typeof root === 'object' && root !== null && !Array.isArray(root) && 'format' in root) {
    const format = (root as { format: unknown }).format;
    if (format !== GLOSS_FORMAT) return refuse('format', `Gloss cannot read files of the format ${shown(format)}; it reads "${GLOSS_FORMAT}" and W3C Web Annotations`);
    result = parseGlossFile(root as Record<string, unknown>);
  } else if (looksLikeWebAnnotations(root)) {
    try {
      result = await parseWebAnnotations(root, options.now ?? Date.now());
    } catch (e) {
      // Only an annotation nested thousands deep exhausts the stack (identifying it by its content).
      if (e instanceof RangeError) return refuse('', 'this file is nested too deeply to be notes');
      throw e;
    }
  } else {
    return refuse('', 'Gloss cannot read this file: it is neither notes exported from Gloss nor W3C Web Annotations (JSON-LD)');
  }
  return result.ok ? result : { ok: false, issues: onePerPath(result.issues) };
}
