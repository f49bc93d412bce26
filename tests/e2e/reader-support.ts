// Helpers for the reader-control tests: a small article page with known mentions,
// settings changed the way the popup changes them, the browser's shortcut path, and
// the card's state read through its closed shadow root.
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { axeSource } from '../support/axe';
import { inShadowRoot, paintedMentions, type GlossBrowser } from '../support/browser';

export const ARTICLE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Chips</title></head><body>
<button id="before">Menu</button>
<main><p id="a">Nvidia shares rose after the H20 news.</p>
<p id="b">Nvidia said the H20 sells well, and Huawei answered with the Ascend 910C.</p></main>
</body></html>`;

export const painted = async (page: Page): Promise<string[]> => (await paintedMentions(page)).map((m) => `${m.kind}:${m.text}`);

/** Sends a privileged request from the options page, as the popup and options pages do. */
export async function uiRequest(gloss: GlossBrowser, type: string, payload: object): Promise<unknown> {
  const options = await gloss.context.newPage();
  try {
    await options.goto(`chrome-extension://${gloss.extensionId}/options.html`);
    const reply = (await options.evaluate(({ type, payload }) => (globalThis as any).chrome.runtime.sendMessage({ type, payload }), { type, payload })) as {
      ok: boolean;
      result?: unknown;
      error?: string;
    };
    expect(reply, reply.error).toMatchObject({ ok: true });
    return reply.result;
  } finally {
    await options.close();
  }
}

/** Runs the background's shortcut listener for a command on a tab, as the browser does on the key press. */
export async function pressCommand(gloss: GlossBrowser, command: string, tabId: number): Promise<void> {
  await gloss.worker.evaluate(({ command, tabId }) => (globalThis as any).glossCommand(command, { id: tabId }), { command, tabId });
}

export interface CardState {
  shown: boolean;
  name: string | null;
  /** The element focused inside the card's root: its role or tag and class. */
  focused: string | null;
  dialog: Record<string, string> | null;
  langs: Record<string, string | null>;
  live: string;
}

/** The name on the card while a card is shown, else null (a hidden card keeps its last text). */
export async function shownCardName(page: Page): Promise<string | null> {
  const card = await cardState(page);
  return card?.shown ? card.name : null;
}

export async function cardState(page: Page): Promise<CardState | null> {
  return (await inShadowRoot(
    page,
    'gloss-card',
    `function () {
      const layer = this.querySelector('.gloss-layer');
      const card = layer?.querySelector('.gloss-card');
      const a = this.activeElement;
      const lang = (sel) => this.querySelector(sel)?.closest('[lang]')?.getAttribute('lang') ?? null;
      return {
        shown: !!layer && getComputedStyle(layer).visibility === 'visible',
        name: this.querySelector('.gloss-name')?.textContent ?? null,
        focused: a ? a.tagName.toLowerCase() + (a.className ? '.' + a.className : '') : null,
        dialog: card ? Object.fromEntries([...card.attributes].map((x) => [x.name, x.value])) : null,
        langs: { card: lang('.gloss-card'), name: lang('.gloss-name'), summary: lang('.gloss-summary'), fact: lang('.gloss-facts li'), timeline: lang('#gloss-timeline'), event: lang('.gloss-event-title'), reported: lang('.gloss-reported') },
        live: this.querySelector('[role=status]')?.textContent ?? '',
      };
    }`,
    [],
  )) as CardState | null;
}

/** The text the keyboard's focus highlight covers. */
export function focusRing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const h = CSS.highlights.get('gloss-focus');
    return h ? [...h].map((r) => (r.startContainer as Text).data.slice(r.startOffset, r.endOffset)) : [];
  });
}

/** The on-screen box of the first occurrence of `text` in the element matching `selector`. */
export function boxOf(page: Page, selector: string, text: string): Promise<{ x: number; y: number; width: number; height: number }> {
  return page.evaluate(
    ({ selector, text }) => {
      const node = document.querySelector(selector)!.firstChild as Text;
      const i = node.data.indexOf(text);
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + text.length);
      const r = range.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    },
    { selector, text },
  );
}

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * axe-core over the page with the card open, card included. The card is in a closed
 * shadow root that axe cannot enter from the page; so axe runs in Gloss's own isolated
 * world (its own copies of the DOM prototypes), where, for this run only, the card host's
 * shadowRoot getter hands axe the closed root that the DevTools protocol resolved.
 * Returns serious and critical findings.
 */
export async function axeWithCard(page: Page): Promise<AxeFinding[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const contexts: { id: number; name: string; auxData?: { type?: string; frameId?: string } }[] = [];
    cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
    await cdp.send('Runtime.enable');
    const { frameTree } = await cdp.send('Page.getFrameTree');
    await expect.poll(() => contexts.some((c) => c.name === 'Gloss' && c.auxData?.frameId === frameTree.frame.id)).toBe(true);
    const world = contexts.find((c) => c.name === 'Gloss' && c.auxData?.type === 'isolated' && c.auxData?.frameId === frameTree.frame.id)!;
    const loaded = await cdp.send('Runtime.evaluate', { expression: axeSource(), contextId: world.id });
    if (loaded.exceptionDetails) throw new Error(loaded.exceptionDetails.text);
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'gloss-card' });
    const { node } = await cdp.send('DOM.describeNode', { nodeId, depth: 1, pierce: true });
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: node.shadowRoots![0]!.backendNodeId, executionContextId: world.id });
    const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId!,
      awaitPromise: true,
      returnByValue: true,
      functionDeclaration: `async function () {
        const root = this;
        const host = root.host;
        const own = Object.getOwnPropertyDescriptor(Element.prototype, 'shadowRoot');
        Object.defineProperty(Element.prototype, 'shadowRoot', { configurable: true, get() { return this === host ? root : own.get.call(this); } });
        try {
          const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
          // Proof that axe saw inside the card: checks it passed on the card's elements.
          const inCard = r.passes.flatMap((p) => p.nodes).filter((n) => JSON.stringify(n.target).includes('gloss-card')).length;
          if (inCard === 0) throw new Error('axe did not reach the card');
          return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
        } finally {
          Object.defineProperty(Element.prototype, 'shadowRoot', own);
        }
      }`,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value as AxeFinding[];
  } finally {
    await cdp.detach();
  }
}
