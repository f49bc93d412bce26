// The hover card: a closed shadow root at the end of <html>, so page styles and
// scripts cannot reach it and it takes no room in the page's layout; the card itself
// is positioned inside the root (the host is reset with `all: initial`).
//
// Three ways in (docs/decisions/0011-keyboard-hover-and-page-styles.md): the pointer
// resting on a mention (after a short delay), a tap, and the keyboard shortcuts. A card
// opened by tap or keyboard is pinned: it stays until Esc, a tap elsewhere or the next
// one; a keyboard card takes focus (a dialog named by the entity, described by its kind
// and summary, which screen readers announce) and Esc gives focus back.
//
// The card follows the page's colour scheme, not the system's: the page's background
// under the mention decides.

import { render } from 'preact';
import { HoverCard } from '../../components/HoverCard';
import { NoteCard } from '../../components/NoteCard';
import cardCss from '../../components/card.css?inline';
import { uiLang } from '../../components/i18n';
import type { CardData, PageNote } from '../../messaging/protocol';
import { pageIsDark } from './scheme';

const SHOW_DELAY_MS = 120;
const HIDE_DELAY_MS = 300;

export class CardPresenter {
  private host?: HTMLElement;
  private root?: ShadowRoot;
  private layer?: HTMLDivElement;
  private style?: HTMLStyleElement;
  private live?: HTMLElement;
  private dark?: boolean;
  private showTimer = 0;
  private hideTimer = 0;
  private shownFor?: object;
  private pointerInCard = false;
  /** Opened by the keyboard or a tap: the pointer leaving does not close it. */
  private pinned = false;
  /** Where a pinned card's mention is now (the page may scroll under it). */
  private anchor?: () => DOMRect;
  private scrollFrame = 0;
  /** Where focus was before a keyboard card took it. */
  private returnTo?: Element | null;
  private readonly cache = new Map<string, Promise<CardData | null>>();
  /** Called whenever the card goes away. */
  onHide?: () => void;

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
        if (e.key === 'Escape' && this.shownFor) this.close();
      },
      // Capture: a page that stops Esc on its way up cannot keep the card open.
      { capture: true, signal },
    );
    // A pinned card follows its mention when the page scrolls.
    document.addEventListener(
      'scroll',
      () => {
        if (!this.pinned || !this.anchor || this.scrollFrame) return;
        this.scrollFrame = requestAnimationFrame(() => {
          this.scrollFrame = 0;
          if (this.pinned && this.anchor) this.place(this.anchor());
        });
      },
      { passive: true, capture: true, signal },
    );
  }

  /** Forgets cards read before: the packs changed. */
  forget(): void {
    this.cache.clear();
  }

  get open(): boolean {
    return this.shownFor !== undefined;
  }

  /** Whether an event happened inside the card. */
  contains(e: Event): boolean {
    return this.host !== undefined && e.composedPath().includes(this.host);
  }

  /** The pointer is over a mention: show its card after it rests a moment (a repeat call restarts the wait). */
  enter(key: object, entity: string, text: string, anchor: DOMRect, near: Element | null): void {
    clearTimeout(this.hideTimer);
    if (this.shownFor === key) return;
    clearTimeout(this.showTimer);
    this.showTimer = window.setTimeout(() => {
      this.pinned = false;
      void this.show(key, entity, text, anchor, near, false);
    }, SHOW_DELAY_MS);
  }

  /** Opens a card at once and keeps it open: from the keyboard (focus moves into it) or a tap. */
  pin(key: object, entity: string, text: string, anchor: () => DOMRect, near: Element | null, focus: boolean): Promise<void> {
    clearTimeout(this.showTimer);
    clearTimeout(this.hideTimer);
    if (focus && !this.hasFocus()) this.returnTo = document.activeElement;
    this.pinned = true;
    this.anchor = anchor;
    return this.show(key, entity, text, anchor(), near, focus);
  }

  /** The pointer is over the quote of one of the reader's notes. */
  enterNote(note: PageNote, anchor: DOMRect): void {
    clearTimeout(this.hideTimer);
    if (this.shownFor === note) return;
    clearTimeout(this.showTimer);
    this.showTimer = window.setTimeout(() => {
      const layer = this.ensureLayer();
      this.scheme(document.body);
      this.shownFor = note;
      this.pinned = false;
      render(<NoteCard note={note} locale={this.locale} />, layer);
      this.place(anchor);
    }, SHOW_DELAY_MS);
  }

  /** The pointer left the mention: hide unless it moves onto the card (or the card is pinned). */
  leave(): void {
    clearTimeout(this.showTimer);
    if (this.pointerInCard || this.pinned) return;
    clearTimeout(this.hideTimer);
    this.hideTimer = window.setTimeout(() => this.hideNow(), HIDE_DELAY_MS);
  }

  /** Closes the card and gives focus back to where it was before the card took it. */
  close(): void {
    const back = this.returnTo;
    const focused = this.hasFocus();
    this.hideNow();
    if (!focused) return;
    (this.root?.activeElement as HTMLElement | null)?.blur();
    if (back instanceof HTMLElement && back.isConnected && back !== document.body) back.focus({ preventScroll: true });
  }

  hideNow(): void {
    const was = this.shownFor;
    this.pointerInCard = false;
    this.pinned = false;
    this.anchor = undefined;
    this.returnTo = undefined;
    clearTimeout(this.showTimer);
    clearTimeout(this.hideTimer);
    this.shownFor = undefined;
    this.layer?.classList.remove('gloss-shown');
    if (was) this.onHide?.();
  }

  /** Says something to screen readers (a polite live region in the card's root). */
  announce(text: string): void {
    this.ensureLayer();
    const live = this.live!;
    live.textContent = '';
    // A change after a pause is announced even when the same words come twice.
    window.setTimeout(() => (live.textContent = text), 100);
  }

  private hasFocus(): boolean {
    return this.host !== undefined && document.activeElement === this.host;
  }

  private async show(key: object, entity: string, text: string, anchor: DOMRect, near: Element | null, focus: boolean): Promise<void> {
    const layer = this.ensureLayer();
    this.scheme(near);
    this.shownFor = key;
    render(<HoverCard card="loading" text={text} locale={this.locale} uiLang={uiLang()} />, layer);
    this.place(anchor);
    let cached = this.cache.get(entity);
    if (!cached) {
      // A failed load is not kept: the next look tries again.
      cached = this.load(entity).catch(() => {
        this.cache.delete(entity);
        return null;
      });
      this.cache.set(entity, cached);
    }
    const data = await cached;
    if (this.shownFor !== key) return;
    const noteThis = this.noteThis && data ? () => {
      this.hideNow();
      this.noteThis!(key, data);
    } : undefined;
    render(<HoverCard card={data ?? 'missing'} text={text} locale={this.locale} uiLang={uiLang()} onNoteThis={noteThis} />, layer);
    this.place(anchor);
    if (focus) (layer.firstElementChild as HTMLElement | null)?.focus({ preventScroll: true });
  }

  /** Light or dark card, after the page's own background under the mention. */
  private scheme(near: Element | null): void {
    const dark = pageIsDark(near);
    if (dark === this.dark) return;
    this.dark = dark;
    this.style!.textContent = cardCss.replace(/\(prefers-color-scheme: ?dark\)/g, dark ? 'all' : 'not all');
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
    // The bridge over the gap sits on the mention's side (card.css).
    layer.classList.toggle('gloss-above', !downwards);
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
    const live = document.createElement('div');
    live.className = 'gloss-sr-only';
    live.setAttribute('role', 'status');
    live.lang = uiLang();
    root.append(style, layer, live);
    document.documentElement.append(host);
    this.host = host;
    this.root = root;
    this.style = style;
    this.layer = layer;
    this.live = live;
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
