// Which mention the pointer is over. Highlights have no elements to listen on, so the
// pointer position is turned into a text position (caretPositionFromPoint) at most
// once per frame, and the mention there is confirmed against its on-screen boxes.
//
// Intent: a pointer only passing over a mention opens nothing. While it keeps moving
// (more than REST_PX from where it last paused) the card's delay starts over, so a card
// opens only once the pointer rests on the mention. A tap (touch) opens the card at
// once; a tap elsewhere closes it.

import type { PageNote } from '../../messaging/protocol';
import type { NotesLayer } from './notes';
import type { FoundMention, PageScanner } from './scanner';

export interface HoverCallbacks {
  /** Over a mention; called again while the pointer keeps moving on it. */
  enter(mention: FoundMention, rect: DOMRect): void;
  enterNote(note: PageNote, rect: DOMRect): void;
  leave(): void;
  tap(mention: FoundMention, rect: DOMRect): void;
  /** A tap outside any mention (and outside the card). */
  tapAway(e: PointerEvent): void;
}

/** A pointer that stays within this many pixels is resting. */
const REST_PX = 6;

export function trackHover(scanner: () => PageScanner | undefined, notes: NotesLayer, callbacks: HoverCallbacks, signal: AbortSignal): void {
  let frame = 0;
  let x = 0;
  let y = 0;
  let current: FoundMention | PageNote | undefined;
  let restX = 0;
  let restY = 0;
  let moving = false;

  const check = (): void => {
    frame = 0;
    const pos = caretAt(x, y, scanner());
    const found = pos && mentionAt(scanner(), pos, x, y);
    const note = found ? undefined : pos && notes.noteAt(pos.node, pos.offset, x, y);
    const target = found?.mention ?? note?.note;
    const restart = moving;
    moving = false;
    if (target === current) {
      if (found && restart) callbacks.enter(found.mention, found.rect);
      return;
    }
    current = target;
    if (found) callbacks.enter(found.mention, found.rect);
    else if (note) callbacks.enterNote(note.note, note.rect);
    else callbacks.leave();
  };

  document.addEventListener(
    'mousemove',
    (e) => {
      // Only the reader's own pointer opens cards: a page's script can dispatch
      // mousemove events too.
      if (!e.isTrusted) return;
      x = e.clientX;
      y = e.clientY;
      if (Math.abs(x - restX) > REST_PX || Math.abs(y - restY) > REST_PX) {
        restX = x;
        restY = y;
        moving = true;
      }
      if (frame === 0) frame = requestAnimationFrame(check);
    },
    { passive: true, signal },
  );
  document.addEventListener(
    'pointerup',
    (e) => {
      if (!e.isTrusted || e.pointerType !== 'touch') return;
      const pos = caretAt(e.clientX, e.clientY, scanner());
      const found = pos && mentionAt(scanner(), pos, e.clientX, e.clientY);
      if (found) callbacks.tap(found.mention, found.rect);
      else callbacks.tapAway(e);
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

function caretAt(x: number, y: number, scanner: PageScanner | undefined): { node: Node; offset: number } | undefined {
  if (typeof document.caretPositionFromPoint === 'function') {
    // Into the open shadow roots Gloss reads (browsers that know the option).
    const p = (document.caretPositionFromPoint as (x: number, y: number, o?: { shadowRoots: ShadowRoot[] }) => CaretPosition | null)(x, y, {
      shadowRoots: [...(scanner?.shadowRoots ?? [])],
    });
    return p ? { node: p.offsetNode, offset: p.offset } : undefined;
  }
  const r = (document as Document & { caretRangeFromPoint?: (x: number, y: number) => Range | null }).caretRangeFromPoint?.(x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : undefined;
}
