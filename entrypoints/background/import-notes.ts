// Importing a notes file the user chose: parsed and checked whole (model/interchange),
// then written in one transaction (storage/notes-io), or refused with every reason.

import type { NotesImportReply } from '../../messaging/protocol';
import { parseNotesFile } from '../../model/interchange';
import { importBundle } from '../../storage/notes-io';

export async function importNotesFile(json: string): Promise<NotesImportReply> {
  const parsed = await parseNotesFile(json);
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  try {
    const counts = await importBundle(parsed.bundle);
    return { ok: true, format: parsed.format, ...counts };
  } catch (e) {
    return { ok: false, issues: [{ path: '', message: `nothing was imported: ${e instanceof Error ? e.message : String(e)}` }] };
  }
}
