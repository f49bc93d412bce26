// Visible text of a saved HTML page, taken the way the content script takes it from
// the live DOM (engine/text-rules.ts): one run per text node, in document order,
// skipping the head, scripts, styles, form controls, code and hidden parts.

import { parse } from 'parse5';
import { isSkippedElement } from '../engine/text-rules';

interface P5Node {
  nodeName: string;
  tagName?: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: P5Node[];
  content?: P5Node;
}

export function visibleTextRuns(html: string): string[] {
  const doc = parse(html) as unknown as P5Node;
  const runs: string[] = [];
  const body = findBody(doc);
  if (!body) return runs;
  const walk = (node: P5Node): void => {
    for (const child of node.childNodes ?? []) {
      if (child.nodeName === '#text') {
        if (child.value) runs.push(child.value);
      } else if (child.tagName) {
        const attrs = child.attrs ?? [];
        const get = (name: string): string | null => attrs.find((a) => a.name === name)?.value ?? null;
        if (!isSkippedElement(child.tagName, get)) walk(child);
      }
    }
  };
  walk(body);
  return runs;
}

function findBody(node: P5Node): P5Node | undefined {
  if (node.tagName === 'body') return node;
  for (const child of node.childNodes ?? []) {
    const found = findBody(child);
    if (found) return found;
  }
  return undefined;
}
