// Reading Gloss's own file back. Its records are the bundle's records, so each is
// checked as it stands; the file is refused as a whole if anything is wrong.

import { GLOSS_VERSION } from './gloss-json';
import { checkImported, pathOf, shown } from './validate';
import { MAX_IMPORT_NOTES, type Article, type Issue, type Note, type ParseResult } from './types';

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Reports ids seen twice in one list; the first one keeps its place. */
function duplicateIds(list: readonly unknown[], name: string, what: string, issues: Issue[]): void {
  const first = new Map<string, number>();
  for (const [i, r] of list.entries()) {
    const id = isRecord(r) ? r.id : undefined;
    if (typeof id !== 'string') continue;
    const earlier = first.get(id);
    if (earlier === undefined) first.set(id, i);
    else issues.push({ path: `${name}[${i}].id`, message: `the same ${what} is in this file twice (also at ${name}[${earlier}])` });
  }
}

export function parseGlossFile(root: Record<string, unknown>): ParseResult {
  if (root.version !== GLOSS_VERSION) {
    const newer = typeof root.version === 'number' && root.version > GLOSS_VERSION;
    return {
      ok: false,
      issues: [
        {
          path: 'version',
          message: newer
            ? `this file was written by a newer Gloss (format version ${root.version}); update Gloss to import it`
            : `Gloss reads notes files of version ${GLOSS_VERSION}; this file says ${shown(root.version ?? null)}`,
        },
      ],
    };
  }
  const issues: Issue[] = [];
  const lists: Record<'articles' | 'notes', unknown[]> = { articles: [], notes: [] };
  for (const name of ['articles', 'notes'] as const) {
    const list = root[name];
    if (!Array.isArray(list)) issues.push({ path: name, message: `the file has no list of ${name}` });
    else if (list.length > MAX_IMPORT_NOTES) {
      issues.push({ path: name, message: `a file can hold at most ${MAX_IMPORT_NOTES.toLocaleString('en')} ${name}; this one has ${list.length.toLocaleString('en')}` });
    } else lists[name] = list;
  }
  // A list too long (or missing) would make every other message beside the point.
  if (issues.length > 0) return { ok: false, issues };

  const articles: Article[] = [];
  const articleIds = new Set<string>();
  for (const [i, raw] of lists.articles.entries()) {
    const base = `articles[${i}]`;
    if (!isRecord(raw)) {
      issues.push({ path: base, message: 'an article must be a group of named values ({ … })' });
      continue;
    }
    // An article with a bad field is still the article its notes point to: one problem, not two.
    if (typeof raw.id === 'string') articleIds.add(raw.id);
    const checked = checkImported('article', raw, (keys) => pathOf(base, keys));
    issues.push(...checked.issues);
    if (checked.value) articles.push(checked.value);
  }
  duplicateIds(lists.articles, 'articles', 'article', issues);

  const notes: Note[] = [];
  for (const [i, raw] of lists.notes.entries()) {
    const base = `notes[${i}]`;
    if (!isRecord(raw)) {
      issues.push({ path: base, message: 'a note must be a group of named values ({ … })' });
      continue;
    }
    const checked = checkImported('note', raw, (keys) => pathOf(base, keys));
    issues.push(...checked.issues);
    if (typeof raw.articleId === 'string' && !articleIds.has(raw.articleId)) {
      issues.push({ path: `${base}.articleId`, message: "this note's article is not in the file" });
    }
    if (checked.value) notes.push(checked.value);
  }
  duplicateIds(lists.notes, 'notes', 'note', issues);

  return issues.length > 0 ? { ok: false, issues } : { ok: true, format: 'gloss', bundle: { articles, notes }, warnings: [] };
}
