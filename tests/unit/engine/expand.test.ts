import { describe, expect, it } from 'vitest';
import { AliasSyntaxError, displayForm, expandForms } from '../../../engine';

describe('alias forms', () => {
  it('expands each {…} group as word endings', () => {
    expect(expandForms('κανόν{ας,α,ες} διάδοσης')).toEqual(['κανόνας διάδοσης', 'κανόνα διάδοσης', 'κανόνες διάδοσης']);
    expect(expandForms('H20{,s}')).toEqual(['H20', 'H20s']);
    expect(expandForms('Export{kontrolle,verbot}{,n}')).toEqual(['Exportkontrolle', 'Exportkontrollen', 'Exportverbot', 'Exportverbotn']);
  });

  it('shows the first form to readers', () => {
    expect(displayForm('άδει{ες,α,ας} εξαγωγής')).toBe('άδειες εξαγωγής');
  });

  it('refuses broken syntax with the reason', () => {
    expect(() => expandForms('H20{,s')).toThrow(/unclosed/);
    expect(() => expandForms('H20},s')).toThrow(/unbalanced/);
    expect(() => expandForms('a{b{c}}')).toThrow(AliasSyntaxError);
    expect(() => expandForms('{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}')).toThrow(/more than 64/);
  });
});
