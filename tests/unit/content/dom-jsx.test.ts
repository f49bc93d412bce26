// The content script's DOM-building JSX runtime: what the hover card and the composer
// are rendered with on every page.
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fragment, h, jsx, render } from '../../../entrypoints/content/dom-jsx';

const g = globalThis as unknown as { document?: Document; Node?: unknown };
let saved: { document?: Document; Node?: unknown };
beforeAll(() => {
  saved = { document: g.document, Node: g.Node };
  const { document, Node } = parseHTML('<!doctype html><html><body><div id="root"></div></body></html>');
  g.document = document;
  g.Node = Node;
});
afterAll(() => {
  g.document = saved.document;
  g.Node = saved.Node;
});

describe('DOM JSX runtime', () => {
  it('renders page text as text, never as markup', () => {
    const root = document.getElementById('root')!;
    render(h('p', { class: 'x' }, '<img src=x onerror=alert(1)>', ' & more'), root);
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('p')!.textContent).toBe('<img src=x onerror=alert(1)> & more');
    expect(() => jsx('div', { dangerouslySetInnerHTML: { __html: '<b>x</b>' } })).toThrow(/never set/);
  });

  it('calls components, flattens fragments and arrays, skips empty children', () => {
    const Item = (p: Record<string, unknown>) => h('li', null, String(p.label));
    const list = jsx('ul', { children: [jsx(Fragment, { children: [Item({ label: 'a' }), null, false, [Item({ label: 'b' })]] }), undefined] }) as Element;
    expect([...list.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['a', 'b']);
  });

  it('sets attributes, properties, refs and listeners', () => {
    let clicked = 0;
    let ref: Element | undefined;
    const button = jsx('button', { type: 'button', 'aria-label': 'Save', disabled: true, onClick: () => clicked++, ref: (el: Element) => (ref = el) }) as HTMLButtonElement;
    expect(button.getAttribute('aria-label')).toBe('Save');
    expect(button.disabled).toBe(true);
    expect(ref).toBe(button);
    button.dispatchEvent(new (button.ownerDocument.defaultView as unknown as { Event: typeof Event }).Event('click'));
    expect(clicked).toBe(1);
  });

  it('replaces what the container showed, and empties it for null', () => {
    const root = document.getElementById('root')!;
    render(h('b', null, 'one'), root);
    render(h('i', null, 'two'), root);
    expect(root.innerHTML).toBe('<i>two</i>');
    render(null, root);
    expect(root.childNodes.length).toBe(0);
  });
});
