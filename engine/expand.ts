// Alias forms: an alias may declare its inflected forms with alternations in braces,
// "κανόν{ας,α,ες,ων} διάδοσης" or "Exportkontroll{e,en}". Each brace group is one
// word ending; the forms are the product of the groups. An empty alternative means
// the bare stem ("H20{,s}").

/** Most forms one alias may produce; beyond that the alias should be split. */
export const MAX_FORMS = 64;

export class AliasSyntaxError extends Error {}

export function expandForms(alias: string): string[] {
  const parts: string[][] = [];
  let i = 0;
  while (i < alias.length) {
    const open = alias.indexOf('{', i);
    if (open < 0) {
      if (alias.indexOf('}', i) >= 0) throw new AliasSyntaxError(`unbalanced "}" in alias "${alias}"`);
      parts.push([alias.slice(i)]);
      break;
    }
    const literal = alias.slice(i, open);
    if (literal.includes('}')) throw new AliasSyntaxError(`unbalanced "}" in alias "${alias}"`);
    parts.push([literal]);
    const close = alias.indexOf('}', open);
    if (close < 0) throw new AliasSyntaxError(`unclosed "{" in alias "${alias}"`);
    const group = alias.slice(open + 1, close);
    if (group.includes('{')) throw new AliasSyntaxError(`nested "{" in alias "${alias}"`);
    parts.push(group.split(','));
    i = close + 1;
  }
  let forms = [''];
  for (const alternatives of parts) {
    const next: string[] = [];
    for (const head of forms) for (const tail of alternatives) next.push(head + tail);
    forms = next;
    if (forms.length > MAX_FORMS) throw new AliasSyntaxError(`alias "${alias}" expands to more than ${MAX_FORMS} forms`);
  }
  const unique = [...new Set(forms.map((f) => f.trim()))].filter((f) => f.length > 0);
  if (unique.length === 0) throw new AliasSyntaxError(`alias "${alias}" has no text`);
  return unique;
}

/** The alias as readers see it: the first alternative of every group. */
export function displayForm(alias: string): string {
  return alias.replace(/\{([^}]*)\}/g, (_, group: string) => group.split(',')[0] ?? '');
}
