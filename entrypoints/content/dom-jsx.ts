// A JSX runtime that builds DOM nodes directly, used in place of Preact's for the
// content script's build only (wxt.config.ts aliases `preact` and
// `preact/jsx-runtime` here). The content script's components are small and render
// whole each time (card, note card, composer), so they need no diffing, state or
// hooks; this keeps about 5 kB of Preact out of a script that runs on every page.
// Components shared with the popup stay plain Preact function components.
//
// Text is always added as text nodes; there is no way to set HTML.

type Child = Node | string | number | bigint | boolean | null | undefined | Child[];
type Props = Record<string, unknown> & { children?: Child };
type Component = (props: Props) => Child;

function append(parent: Node, child: Child): void {
  if (child === null || child === undefined || child === false || child === true) return;
  if (Array.isArray(child)) {
    for (const c of child) append(parent, c);
    return;
  }
  parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
}

function setProp(el: HTMLElement, name: string, value: unknown): void {
  if (value === null || value === undefined || value === false || name === 'children' || name === 'key') return;
  if (name === 'ref') {
    if (typeof value === 'function') value(el);
    else (value as { current: unknown }).current = el;
  } else if (name === 'class' || name === 'className') {
    el.className = String(value);
  } else if (name.startsWith('on') && typeof value === 'function') {
    el.addEventListener(name.slice(2).toLowerCase(), value as EventListener);
  } else if (name === 'dangerouslySetInnerHTML') {
    throw new Error('HTML is never set from data');
  } else if (name !== 'style' && !name.includes('-') && name in el && typeof (el as unknown as Record<string, unknown>)[name] !== 'function') {
    (el as unknown as Record<string, unknown>)[name] = value;
  } else {
    el.setAttribute(name, value === true ? '' : String(value));
  }
}

export function jsx(type: string | Component, props: Props): Child {
  if (typeof type === 'function') return type(props);
  const el = document.createElement(type);
  for (const name in props) setProp(el, name, props[name]);
  append(el, props.children);
  return el;
}

export { jsx as jsxs, jsx as jsxDEV };

export function Fragment(props: Props): Child {
  return props.children;
}

export function h(type: string | Component, props: Props | null, ...children: Child[]): Child {
  return jsx(type, { ...(props ?? {}), children });
}

/** Replaces what the container shows (null empties it). */
export function render(content: Child, container: Element): void {
  const frag = document.createDocumentFragment();
  append(frag, content);
  container.replaceChildren(frag);
}
