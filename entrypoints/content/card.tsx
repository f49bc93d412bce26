// The hover card: a closed shadow root at the end of <html>, so page styles and
// scripts cannot reach it and it takes no room in the page's layout; the card itself
// is positioned inside the root (the host is reset with `all: initial`).

import { render } from 'preact';
import { HoverCard } from '../../components/HoverCard';
import { NoteCard } from '../../components/NoteCard';
import cardCss from '../../components/card.css?inline';
import type { CardData, PageNote } from '../../messaging/protocol';

const SHOW_DELAY_MS = 120;
const HIDE_DELAY_MS = 300;

export class CardPresenter {
  private host?: HTMLElement;
  private layer?: HTMLDivElement;
  private showTimer = 0;
  private hideTimer = 0;
  private shownFor?: object;
  private pointerInCard = false;
  private readonly cache = new Map<string, Promise<CardData | null>>();

  constructor(
    private readonly load: (entity: string) => Promise<CardData | null>,
    private readonly locale: string,
    signal: AbortSignal,
    private readonly noteThis?: (key: object, card: CardData) => void,
  ) {
    signal.addEventListener('abort', () => this.destroy());
    document.addEventListener(
      'keydown',
      (e) => {
        if (e.key === 'Escape') this.hideNow();
      },
      { signal },
    );
  }

  /** Forgets cards read before: the packs changed. */
  forget(): void {
    this.cache.clear();
  }

  /** The pointer is over a mention: show its card after a short delay. */
  enter(key: object, entity: string, text: string, anchor: DOMRect): void {
    clearTimeout(this.hideTimer);
    if (this.shownFor === key) return;
    clearTimeout(this.showTimer);
    this.showTimer = window.setTimeout(() => void this.show(key, entity, text, anchor), SHOW_DELAY_MS);
  }

  /** The pointer is over the quote of one of the reader's notes. */
  enterNote(note: PageNote, anchor: DOMRect): void {
    clearTimeout(this.hideTimer);
    if (this.shownFor === note) return;
    clearTimeout(this.showTimer);
    this.showTimer = window.setTimeout(() => {
      const layer = this.ensureLayer();
      this.shownFor = note;
      render(<NoteCard note={note} locale={this.locale} />, layer);
      this.place(anchor);
    }, SHOW_DELAY_MS);
  }

  /** The pointer left the mention: hide unless it moves onto the card. */
  leave(): void {
    clearTimeout(this.showTimer);
    if (this.pointerInCard) return;
    clearTimeout(this.hideTimer);
    this.hideTimer = window.setTimeout(() => this.hideNow(), HIDE_DELAY_MS);
  }

  hideNow(): void {
    this.pointerInCard = false;
    clearTimeout(this.showTimer);
    clearTimeout(this.hideTimer);
    this.shownFor = undefined;
    this.layer?.classList.remove('gloss-shown');
  }

  private async show(key: object, entity: string, text: string, anchor: DOMRect): Promise<void> {
    const layer = this.ensureLayer();
    this.shownFor = key;
    render(<HoverCard card="loading" text={text} locale={this.locale} />, layer);
    this.place(anchor);
    let cached = this.cache.get(entity);
    if (!cached) {
      cached = this.load(entity).catch(() => null);
      this.cache.set(entity, cached);
    }
    const data = await cached;
    if (this.shownFor !== key) return;
    const noteThis = this.noteThis && data ? () => {
      this.hideNow();
      this.noteThis!(key, data);
    } : undefined;
    render(<HoverCard card={data ?? 'missing'} text={text} locale={this.locale} onNoteThis={noteThis} />, layer);
    this.place(anchor);
  }

  /** Below the mention if the card fits there, else above; else on the roomier side, shortened. */
  private place(anchor: DOMRect): void {
    const layer = this.layer!;
    const margin = 8;
    const gap = 6;
    const vw = document.documentElement.clientWidth;
    const vh = document.documentElement.clientHeight;
    const below = vh - anchor.bottom - gap - margin;
    const above = anchor.top - gap - margin;
    layer.style.setProperty('--gloss-max-height', 'none');
    const box = layer.getBoundingClientRect();
    const natural = Math.min(box.height, 480);
    const downwards = natural <= below || (natural > above && below >= above);
    const room = Math.max(120, downwards ? below : above);
    const height = Math.min(natural, room);
    layer.style.setProperty('--gloss-max-height', `${Math.floor(room)}px`);
    const left = Math.max(margin, Math.min(anchor.left, vw - box.width - margin));
    const top = downwards ? anchor.bottom + gap : anchor.top - gap - height;
    layer.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
    layer.classList.add('gloss-shown');
  }

  private ensureLayer(): HTMLDivElement {
    if (this.layer) return this.layer;
    const host = document.createElement('gloss-card');
    // Closed: the page can neither read the card nor rewrite its links.
    const root = host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = cardCss;
    const layer = document.createElement('div');
    layer.className = 'gloss-layer';
    layer.addEventListener('mouseenter', () => {
      this.pointerInCard = true;
      clearTimeout(this.hideTimer);
    });
    layer.addEventListener('mouseleave', () => {
      this.pointerInCard = false;
      this.leave();
    });
    root.append(style, layer);
    document.documentElement.append(host);
    this.host = host;
    this.layer = layer;
    return layer;
  }

  private destroy(): void {
    this.hideNow();
    if (this.layer) render(null, this.layer);
    this.host?.remove();
    this.host = undefined;
    this.layer = undefined;
  }
}
