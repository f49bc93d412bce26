// Which mention the pointer is over. Highlights have no elements to listen on, so the
// pointer position is turned into a text position (caretPositionFromPoint) at most
// once per frame, and the mention there is confirmed against its on-screen boxes.

import type { PageNote } from '../../messaging/protocol';
import type { NotesLayer } from './notes';
import type { FoundMention, PageScanner } from './scanner';

export interface HoverCallbacks {
  enter(mention: FoundMention, rect: DOMRect): void;
  enterNote(note: PageNote, rect: DOMRect): void;
  leave(): void;
}

export function trackHover(scanner: () => PageScanner | undefined, notes: NotesLayer, callbacks: HoverCallbacks, signal: AbortSignal): void {
  let frame = 0;
  let x = 0;
  let y = 0;
  let current: FoundMention | PageNote | undefined;

  const check = (): void => {
    frame = 0;
    const pos = caretAt(x, y);
    const found = pos && mentionAt(scanner(), pos, x, y);
    const note = found ? undefined : pos && notes.noteAt(pos.node, pos.offset, x, y);
    const target = found?.mention ?? note?.note;
    if (target === current) return;
    current = target;
    if (found) callbacks.enter(found.mention, found.rect);
    else if (note) callbacks.enterNote(note.note, note.rect);
    else callbacks.leave();
  };

  document.addEventListener(
    'mousemove',
    (e) => {
      x = e.clientX;
      y = e.clientY;
      if (frame === 0) frame = requestAnimationFrame(check);
    },
    { passive: true, signal },
  );
  document.addEventListener(
    'scroll',
    () => {
      if (current) {
        current = undefined;
        callbacks.leave();
      }
    },
    { passive: true, capture: true, signal },
  );
  signal.addEventListener('abort', () => {
    if (frame) cancelAnimationFrame(frame);
  });
}

function mentionAt(
  scanner: PageScanner | undefined,
  pos: { node: Node; offset: number },
  x: number,
  y: number,
): { mention: FoundMention; rect: DOMRect } | undefined {
  if (!scanner || pos.node.nodeType !== Node.TEXT_NODE) return undefined;
  for (const m of scanner.mentionsIn(pos.node as Text)) {
    if (scanner.isMuted(m.entity) || pos.offset < m.start || pos.offset > m.end) continue;
    const range = document.createRange();
    range.setStart(pos.node, m.start);
    range.setEnd(pos.node, m.end);
    for (const rect of range.getClientRects()) {
      if (x >= rect.left - 1 && x <= rect.right + 1 && y >= rect.top - 1 && y <= rect.bottom + 1) return { mention: m, rect };
    }
  }
  return undefined;
}

function caretAt(x: number, y: number): { node: Node; offset: number } | undefined {
  if (typeof document.caretPositionFromPoint === 'function') {
    const p = document.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : undefined;
  }
  const r = (document as Document & { caretRangeFromPoint?: (x: number, y: number) => Range | null }).caretRangeFromPoint?.(x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : undefined;
}
