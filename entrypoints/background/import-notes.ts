// Importing a notes file the user chose: parsed and checked whole (model/interchange),
// then written in one transaction (storage/notes-io), or refused with every reason.

import type { NotesImportReply } from '../../messaging/protocol';
import { articleIdentity } from '../../model';
import { parseNotesFile, type Article, type NotesBundle } from '../../model/interchange';
import { importBundle } from '../../storage/notes-io';

export async function importNotesFile(json: string): Promise<NotesImportReply> {
  const parsed = await parseNotesFile(json);
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  try {
    const counts = await importBundle(await byAddress(parsed.bundle));
    return { ok: true, format: parsed.format, ...counts };
  } catch (e) {
    return { ok: false, issues: [{ path: '', message: `nothing was imported: ${e instanceof Error ? e.message : String(e)}` }] };
  }
}

/**
 * Each article under the id and site Gloss derives from its address, as for a page it
 * reads, and its notes with it. A file can name any article id, and notes under the id
 * of another site's page would show there as the reader's own; an id that does not match
 * its address is also one no page would ever look up. Files Gloss wrote are unchanged.
 */
async function byAddress(bundle: NotesBundle): Promise<NotesBundle> {
  const moved = new Map<string, string>();
  const articles = new Map<string, Article>();
  for (const a of bundle.articles) {
    const identity = await articleIdentity({ url: a.url });
    if (identity.id !== a.id) moved.set(a.id, identity.id);
    if (!articles.has(identity.id)) articles.set(identity.id, { ...a, id: identity.id, url: identity.url, site: identity.site });
  }
  if (moved.size === 0 && bundle.articles.every((a) => articles.get(a.id)?.site === a.site)) return bundle;
  return {
    articles: [...articles.values()],
    notes: bundle.notes.map((n) => (moved.has(n.articleId) ? { ...n, articleId: moved.get(n.articleId)! } : n)),
  };
}
