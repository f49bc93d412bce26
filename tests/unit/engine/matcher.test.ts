import { describe, expect, it } from 'vitest';
import {
  compileDictionary,
  decodeDictionary,
  encodeDictionary,
  findMentions,
  findMentionsInRuns,
  Matcher,
  DictionaryError,
  type DictionaryInput,
} from '../../../engine';

const CHIP_CONTEXT = ['entity:nvidia', 'kind:chip', 'context:chips'];

const input: DictionaryInput = {
  terms: [
    { entity: 'nvidia', kind: 'company', alias: 'Nvidia' },
    { entity: 'nvidia', kind: 'company', alias: '英伟达' },
    { entity: 'nvidia', kind: 'company', alias: '輝達' },
    { entity: 'nvidia', kind: 'company', alias: 'エヌビディア' },
    { entity: 'h20', kind: 'chip', alias: 'H20{,s}', requires: CHIP_CONTEXT },
    { entity: 'h20', kind: 'chip', alias: 'Nvidia H20{,s}' },
    { entity: 'h200', kind: 'chip', alias: 'H200{,s}' },
    { entity: 'intel', kind: 'company', alias: 'Intel' },
    { entity: 'amd', kind: 'company', alias: 'AMD', caseSensitive: true },
    { entity: 'ascend', kind: 'chip', alias: 'Ascend', caseSensitive: true, requires: ['entity:huawei', 'context:chips'] },
    { entity: 'ascend-910c', kind: 'chip', alias: 'Ascend 910C' },
    { entity: 'huawei', kind: 'company', alias: 'Huawei' },
    { entity: 'huawei', kind: 'company', alias: '华为' },
    { entity: 'export-controls', kind: 'rule', alias: 'έλεγχ{οι,ος,ο,ου,ων,ους} εξαγωγών' },
    { entity: 'export-controls', kind: 'rule', alias: 'export control{,s}' },
    { entity: 'export-controls', kind: 'rule', alias: 'Exportkontroll{e,en}' },
    { entity: 'export-controls', kind: 'rule', alias: '出口管制' },
    { entity: 'diffusion', kind: 'rule', alias: 'κανόν{ας,α,ες,ων} διάδοσης' },
    { entity: 'bis', kind: 'org', alias: 'BIS', caseSensitive: true, requires: ['context:export'] },
    { entity: 'doubao', kind: 'model', alias: '豆包', requires: ['entity:bytedance', 'context:ai'] },
    { entity: 'bytedance', kind: 'company', alias: '字节跳动' },
    { entity: 'alibaba', kind: 'company', alias: 'Alibaba' },
    { entity: 'alibaba', kind: 'company', alias: 'Alibaba Cloud' },
    { entity: 'singapore', kind: 'place', alias: 'Singapore', requires: ['context:chips', 'kind:chip'] },
  ],
  contexts: {
    chips: ['chip{,s}', 'GPU{,s}', 'τσιπ', '芯片', 'チップ', 'Halbleiter'],
    export: ['Exportkontroll{e,en}', 'export control{,s}'],
    ai: ['大模型', '人工智能'],
  },
  falseFriends: [{ entity: 'ascend', text: 'Ascend Elements' }],
};

const matcher = new Matcher(compileDictionary(input));
const find = (text: string) => findMentions(matcher, text).map((m) => [m.entity, m.text]);

describe('folding', () => {
  it('ignores case', () => {
    expect(find('NVIDIA, Nvidia and nvidia')).toEqual([
      ['nvidia', 'NVIDIA'],
      ['nvidia', 'Nvidia'],
      ['nvidia', 'nvidia'],
    ]);
  });

  it('ignores Greek tonos and final sigma, in capitals and lower case', () => {
    expect(find('ΕΛΕΓΧΟΙ ΕΞΑΓΩΓΩΝ και έλεγχος εξαγωγών και ελέγχους εξαγωγών')).toEqual([
      ['export-controls', 'ΕΛΕΓΧΟΙ ΕΞΑΓΩΓΩΝ'],
      ['export-controls', 'έλεγχος εξαγωγών'],
      ['export-controls', 'ελέγχους εξαγωγών'],
    ]);
  });

  it('matches full-width Latin inside CJK text and reports original offsets', () => {
    const text = '英伟达的Ｈ２０芯片';
    const mentions = findMentions(matcher, text);
    expect(mentions.map((m) => [m.entity, m.text])).toEqual([
      ['nvidia', '英伟达'],
      ['h20', 'Ｈ２０'],
    ]);
    for (const m of mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
  });

  it('keeps offsets right across decomposed accents, soft hyphens and whitespace runs', () => {
    const text = 'Die Export\u00ADkontrollen und die  e\u0301lite, dann ελέγχους\n\t εξαγωγών.';
    const mentions = findMentions(matcher, text);
    expect(mentions.map((m) => m.text)).toEqual(['Export\u00ADkontrollen', 'ελέγχους\n\t εξαγωγών']);
    for (const m of mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
  });
});

describe('word boundaries', () => {
  it('does not fire H20 inside H200, and reads H20s as the plural', () => {
    expect(find('Nvidia sells the H200, not the H20; H20s and H200s are chips.')).toEqual([
      ['nvidia', 'Nvidia'],
      ['h200', 'H200'],
      ['h20', 'H20'],
      ['h20', 'H20s'],
      ['h200', 'H200s'],
    ]);
  });

  it('does not fire Intel inside intelligence, nor AMD inside Amdahl', () => {
    expect(find('Artificial intelligence and Amdahl’s law; Intel and AMD.')).toEqual([
      ['intel', 'Intel'],
      ['amd', 'AMD'],
    ]);
  });

  it('matches Chinese and Japanese without spaces', () => {
    expect(find('英伟达H20芯片')).toEqual([
      ['nvidia', '英伟达'],
      ['h20', 'H20'],
    ]);
    expect(find('エヌビディアのH20は')).toEqual([
      ['nvidia', 'エヌビディア'],
      ['h20', 'H20'],
    ]);
  });

  it('does not fire a katakana name inside a longer katakana word', () => {
    expect(find('エヌビディアン')).toEqual([]);
  });

  it('treats digits next to a name as part of a longer word', () => {
    expect(find('X-H20 H20X 3H20 chip')).toEqual([['h20', 'H20']]);
  });
});

describe('inflection', () => {
  it('matches the Greek forms declared in the alias', () => {
    expect(find('ο κανόνας διάδοσης, τον κανόνα διάδοσης, οι κανόνες διάδοσης')).toEqual([
      ['diffusion', 'κανόνας διάδοσης'],
      ['diffusion', 'κανόνα διάδοσης'],
      ['diffusion', 'κανόνες διάδοσης'],
    ]);
  });

  it('matches German forms and hyphenated compounds', () => {
    expect(find('Exportkontrolle, Exportkontrollen und Exportkontrollen-Regeln')).toEqual([
      ['export-controls', 'Exportkontrolle'],
      ['export-controls', 'Exportkontrollen'],
      ['export-controls', 'Exportkontrollen'],
    ]);
  });
});

describe('ambiguity', () => {
  it('highlights H20 only when the page is about chips', () => {
    expect(find('Drink more H20 after running.')).toEqual([]);
    expect(find('The H20 is a cut-down chip.').map((m) => m[1])).toEqual(['H20']);
  });

  it('lets a certain mention elsewhere on the page resolve an ambiguous one', () => {
    const runs = ['The H20 is back.', 'Sales of Nvidia products rose.'];
    expect(findMentionsInRuns(matcher, runs, { topicGate: false }).map((r) => [r.run, r.mention.entity])).toEqual([
      [0, 'h20'],
      [1, 'nvidia'],
    ]);
  });

  it('keeps case-sensitive acronyms apart from ordinary words', () => {
    expect(find('Von 2024 bis 2025 galten neue Exportkontrollen des BIS.')).toEqual([
      ['export-controls', 'Exportkontrollen'],
      ['bis', 'BIS'],
    ]);
    expect(find('Das BIS in Basel meldete Zahlen.')).toEqual([]);
    expect(find('amd and Amd are not AMD')).toEqual([['amd', 'AMD']]);
  });

  it('needs context for everyday words such as 豆包', () => {
    expect(find('早餐吃了一个豆包')).toEqual([]);
    expect(find('字节跳动的豆包大模型')).toEqual([
      ['bytedance', '字节跳动'],
      ['doubao', '豆包'],
    ]);
  });

  it('suppresses false friends', () => {
    expect(find('Ascend Elements recycles batteries; Huawei Ascend chips.')).toEqual([
      ['huawei', 'Huawei'],
      ['ascend', 'Ascend'],
    ]);
  });

  it('resolves chains: a resolved ambiguous mention can give context to another', () => {
    // Singapore needs a chip; H20 needs chip context, which "chips" gives.
    expect(find('Singapore data centres run H20 chips.')).toEqual([
      ['singapore', 'Singapore'],
      ['h20', 'H20'],
    ]);
    expect(find('Singapore is sunny.')).toEqual([]);
  });
});

describe('overlaps', () => {
  it('prefers the longest match: Nvidia H20 is the chip', () => {
    expect(find('the Nvidia H20 accelerator')).toEqual([['h20', 'Nvidia H20']]);
    expect(find('Alibaba Cloud and Alibaba')).toEqual([
      ['alibaba', 'Alibaba Cloud'],
      ['alibaba', 'Alibaba'],
    ]);
    expect(find('Huawei Ascend 910C')).toEqual([
      ['huawei', 'Huawei'],
      ['ascend-910c', 'Ascend 910C'],
    ]);
  });
});

describe('compiled dictionary', () => {
  it('survives encoding for transfer and matches the same', () => {
    const compiled = compileDictionary(input);
    const decoded = decodeDictionary(encodeDictionary(compiled));
    expect(decoded.id).toBe(compiled.id);
    const text = 'Nvidia H20, H200, 英伟达, ελέγχους εξαγωγών, Exportkontrollen des BIS';
    expect(findMentions(new Matcher(decoded), text)).toEqual(findMentions(new Matcher(compiled), text));
  });

  it('has the same id for the same input and a different one when a term changes', () => {
    expect(compileDictionary(input).id).toBe(compileDictionary(input).id);
    const changed = { ...input, terms: [...input.terms, { entity: 'tsmc', kind: 'company', alias: 'TSMC' }] };
    expect(compileDictionary(changed).id).not.toBe(compileDictionary(input).id);
  });

  it('refuses requirements that name nothing known', () => {
    expect(() => compileDictionary({ terms: [{ entity: 'x', kind: 'chip', alias: 'X1', requires: ['entity:nope'] }] })).toThrow(DictionaryError);
    expect(() => compileDictionary({ terms: [{ entity: 'x', kind: 'chip', alias: 'X1', requires: ['context:nope'] }] })).toThrow(/unknown context/);
  });
});
