// The reader's notes on this page: anchored quotes found again and painted with their
// own highlight, hover to read a note, and adding a note to selected text (a button by
// the selection, the context menu, or the keyboard shortcut). The composer lives in a
// closed shadow root, so the page can neither read nor drive it.

import { render } from 'preact';
import { NoteComposer } from '../../components/NoteComposer';
import { t } from '../../components/i18n';
import cardCss from '../../components/card.css?inline';
import type { AnchorRequest, PageNote, PageMeta } from '../../messaging/protocol';
import type { TextPosition, TextQuote } from '../../model';
import { anchorNotes, describeSelection } from './anchor';
import { showHighlight } from './paint';
import { readPageMeta } from './article-meta';
import { TextModel } from './text-model';

/** Waits for the page to settle after changes before finding quotes again. */
const REANCHOR_DELAY_MS = 500;

export interface NotesApi {
  notes(meta: PageMeta): Promise<{ articleId: string; notes: PageNote[] }>;
  add(note: { meta: PageMeta; title: string; body: string; tags: string[]; entities: string[]; quote: TextQuote | null; position: TextPosition | null }): Promise<{ id: string }>;
  status(orphaned: string[]): Promise<unknown>;
  approximate(text: string, quotes: AnchorRequest[]): Promise<{ id: string; start: number; end: number }[]>;
}

interface Painted {
  note: PageNote;
  start: number;
  end: number;
  range: StaticRange;
}

export interface ComposeRequest {
  range?: Range | StaticRange;
  entity?: { id: string; name: string };
}

export class NotesLayer {
  private readonly highlight = new Highlight();
  private painted: Painted[] = [];
  private model?: TextModel;
  private count = 0;
  private reanchorTimer = 0;
  private loading?: Promise<void>;
  private host?: HTMLElement;
  private root?: ShadowRoot;
  private layer?: HTMLDivElement;
  private button?: HTMLButtonElement;
  private composing = false;
  private returnFocus?: Element | null;
  private paused = false;

  constructor(
    private readonly api: NotesApi,
    private readonly signal: AbortSignal,
  ) {
    signal.addEventListener('abort', () => {
      clearTimeout(this.reanchorTimer);
      CSS.highlights.delete('gloss-note');
      if (this.layer) render(null, this.layer);
      this.host?.remove();
    });
  }

  /** Asks for this article's notes and paints their quotes. */
  load(): Promise<void> {
    this.loading ??= this.doLoad().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async doLoad(): Promise<void> {
    const { notes } = await this.api.notes(readPageMeta());
    if (this.signal.aborted) return;
    this.count = notes.length;
    const quoted = notes.filter((n) => n.quote);
    if (quoted.length === 0) {
      this.paint([]);
      return;
    }
    const model = TextModel.read(document.body);
    const { anchored, orphaned } = await anchorNotes(model, quoted, (text, quotes) => this.api.approximate(text, quotes));
    if (this.signal.aborted) return;
    this.model = model;
    this.paint(anchored.flatMap((a) => {
      const range = model.range(a.start, a.end);
      return range ? [{ ...a, range }] : [];
    }));
    await this.api.status(orphaned.map((n) => n.id)).catch(() => undefined);
  }

  /** Off on this site or paused: the notes' quotes are not painted nor hoverable (the notes stay). */
  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    this.paint(this.painted);
  }

  private paint(painted: Painted[]): void {
    this.highlight.clear();
    this.painted = painted;
    for (const p of painted) this.highlight.add(p.range);
    // Registered only while there is something to paint: an empty entry would tell
    // every page that Gloss is installed.
    if (painted.length > 0 && !this.paused) showHighlight('gloss-note', this.highlight);
    else CSS.highlights.delete('gloss-note');
  }

  /** The page changed: find the quotes again once it settles. */
  pageChanged(): void {
    if (this.painted.length === 0 && this.count === 0) return;
    clearTimeout(this.reanchorTimer);
    this.reanchorTimer = window.setTimeout(() => void this.load().catch(() => undefined), REANCHOR_DELAY_MS);
  }

  /** The note whose quote holds a point of the page, with the box under the pointer. */
  noteAt(node: Node, offset: number, x: number, y: number): { note: PageNote; rect: DOMRect } | undefined {
    if (this.painted.length === 0 || !this.model || this.paused) return undefined;
    const at = this.model.offsetOf(node, offset);
    if (at === undefined) return undefined;
    for (const p of this.painted) {
      if (at < p.start || at > p.end) continue;
      const range = document.createRange();
      range.setStart(p.range.startContainer, p.range.startOffset);
      range.setEnd(p.range.endContainer, p.range.endOffset);
      for (const rect of range.getClientRects()) {
        if (x >= rect.left - 1 && x <= rect.right + 1 && y >= rect.top - 1 && y <= rect.bottom + 1) return { note: p.note, rect };
      }
    }
    return undefined;
  }

  /** Offers "Add note" next to text the reader selects. */
  watchSelection(): void {
    const opts = { signal: this.signal, passive: true };
    const maybeOffer = (e: Event) => {
      if (!e.isTrusted || this.composing) return;
      window.setTimeout(() => this.offer(), 0);
    };
    document.addEventListener('mouseup', maybeOffer, opts);
    document.addEventListener('keyup', (e) => {
      if (e.shiftKey || e.key === 'Shift') maybeOffer(e);
    }, opts);
    document.addEventListener('mousedown', (e) => {
      if (e.isTrusted && !(e.composedPath() as Node[]).includes(this.host!)) this.hideButton();
    }, { ...opts, capture: true });
    document.addEventListener('scroll', () => this.hideButton(), { ...opts, capture: true });
  }

  private currentSelection(): Range | undefined {
    const sel = document.getSelection();
    if (!sel || sel.isCollapsed || sel.rangeCount === 0) return undefined;
    const range = sel.getRangeAt(0);
    if (!document.body.contains(range.commonAncestorContainer)) return undefined;
    const el = range.commonAncestorContainer instanceof Element ? range.commonAncestorContainer : range.commonAncestorContainer.parentElement;
    // Text the reader is typing is theirs, not the article's.
    if (el?.closest('input, textarea, [contenteditable=""], [contenteditable="true"]')) return undefined;
    return sel.toString().trim().length >= 2 ? range : undefined;
  }

  private offer(): void {
    const range = this.currentSelection();
    if (!range) return this.hideButton();
    const rects = range.getClientRects();
    const last = rects[rects.length - 1];
    if (!last) return this.hideButton();
    this.ensureLayer();
    const button = this.button!;
    button.hidden = false;
    const vw = document.documentElement.clientWidth;
    button.style.transform = `translate(${Math.round(Math.min(last.right + 4, vw - 110))}px, ${Math.round(last.bottom + 4)}px)`;
    button.onclick = () => {
      this.hideButton();
      this.compose({ range });
    };
  }

  private hideButton(): void {
    if (this.button) this.button.hidden = true;
  }

  /** Opens the composer: for the given range, else the selection, else a note on the whole article. */
  compose(request: ComposeRequest = {}): void {
    const range = request.range ?? this.currentSelection();
    const model = TextModel.read(document.body);
    let selectors: { quote: TextQuote; position: TextPosition } | undefined;
    let anchorRect: DOMRect | undefined;
    if (range) {
      const live = range instanceof Range ? range : toRange(range);
      selectors = describeSelection(model, live);
      const rects = live.getClientRects();
      anchorRect = rects[rects.length - 1];
    }
    this.returnFocus = document.activeElement;
    this.composing = true;
    this.hideButton();
    const layer = this.ensureLayer();
    const close = () => {
      this.composing = false;
      render(null, layer);
      layer.classList.remove('gloss-shown');
      const back = this.returnFocus;
      if (back instanceof HTMLElement && back.isConnected) back.focus({ preventScroll: true });
    };
    render(
      <NoteComposer
        quote={selectors?.quote.exact}
        entityNames={request.entity ? [request.entity.name] : []}
        onCancel={close}
        onSave={async (body, tags) => {
          await this.api.add({
            meta: readPageMeta(),
            title: document.title.slice(0, 1000),
            body,
            tags,
            entities: request.entity ? [request.entity.id] : [],
            quote: selectors?.quote ?? null,
            position: selectors?.position ?? null,
          });
          close();
          this.announce(t('noteSaved'));
          await this.load().catch(() => undefined);
        }}
      />,
      layer,
    );
    this.place(layer, anchorRect);
    // Focus now, not after the next frame: the reader may already be typing.
    layer.querySelector('textarea')?.focus();
  }

  private place(layer: HTMLDivElement, anchor: DOMRect | undefined): void {
    const vw = document.documentElement.clientWidth;
    const vh = document.documentElement.clientHeight;
    const box = layer.getBoundingClientRect();
    const left = anchor ? Math.max(8, Math.min(anchor.left, vw - box.width - 8)) : Math.max(8, vw - box.width - 16);
    let top = anchor ? anchor.bottom + 8 : 16;
    if (top + box.height > vh - 8) top = anchor ? Math.max(8, anchor.top - box.height - 8) : 8;
    layer.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
    layer.classList.add('gloss-shown');
  }

  private announce(text: string): void {
    this.ensureLayer();
    const status = this.root!.querySelector('[role=status]')!;
    status.textContent = text;
    window.setTimeout(() => (status.textContent = ''), 4000);
  }

  private ensureLayer(): HTMLDivElement {
    if (this.layer) return this.layer;
    const host = document.createElement('gloss-notes');
    const root = host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = cardCss;
    const layer = document.createElement('div');
    layer.className = 'gloss-layer gloss-composer-layer';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'gloss-add-note';
    button.textContent = t('selectionAddNote');
    button.hidden = true;
    const status = document.createElement('div');
    status.setAttribute('role', 'status');
    status.className = 'gloss-sr-only';
    root.append(style, layer, button, status);
    document.documentElement.append(host);
    this.host = host;
    this.root = root;
    this.layer = layer;
    this.button = button;
    return layer;
  }
}

function toRange(r: StaticRange): Range {
  const range = document.createRange();
  range.setStart(r.startContainer, r.startOffset);
  range.setEnd(r.endContainer, r.endOffset);
  return range;
}
