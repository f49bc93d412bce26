// The page resolution every caller shares (engine/page.ts): the topic gate of
// docs/decisions/0007-topic-gate.md, first mentions of people, places and agencies,
// and requirements that join conditions with "+".
import { describe, expect, it } from 'vitest';
import { compileDictionary, findMentionsInRuns, Matcher, resolvePage, type DictionaryInput } from '../../../engine';
import { explainPage } from '../../../engine/explain';

const CHIP = ['entity:nvidia', 'kind:chip', 'context:chips'];
const PERSON = ['context:chips', 'kind:chip', 'kind:rule', 'entity:nvidia'];
const input: DictionaryInput = {
  terms: [
    { entity: 'nvidia', kind: 'company', alias: 'Nvidia' },
    { entity: 'tsmc', kind: 'company', alias: 'TSMC' },
    // Brands met every day outside the topic need its context, as in the bundled pack.
    { entity: 'huawei', kind: 'company', alias: 'Huawei', requires: ['context:chips', 'kind:chip'] },
    { entity: 'baidu', kind: 'company', alias: 'Baidu', requires: ['context:chips', 'kind:chip'] },
    { entity: 'tencent', kind: 'company', alias: 'Tencent', requires: ['context:chips', 'kind:chip'] },
    { entity: 'amd', kind: 'company', alias: 'AMD', caseSensitive: true, requires: ['context:chips', 'kind:chip', 'entity:nvidia'] },
    { entity: 'h20', kind: 'chip', alias: 'H20', requires: CHIP },
    { entity: 'h200', kind: 'chip', alias: 'H200', requires: CHIP },
    { entity: 'export-controls', kind: 'rule', alias: 'export controls', requires: ['context:chips', 'kind:chip'] },
    { entity: 'export-licence', kind: 'rule', alias: 'export licence{,s}', requires: ['context:chips', 'kind:chip'] },
    { entity: 'export-licence', kind: 'rule', alias: 'licence{,s}', requires: ['context:export+context:chips', 'context:export+kind:chip'] },
    { entity: 'bis', kind: 'org', alias: 'BIS', caseSensitive: true, requires: ['kind:chip', 'kind:rule'] },
    { entity: 'donald-trump', kind: 'person', alias: 'Trump', requires: PERSON },
    { entity: 'singapore', kind: 'place', alias: 'Singapore', requires: PERSON },
  ],
  contexts: { chips: ['chip{,s}', 'GPU{,s}'], export: ['export{,s}'] },
};
const matcher = new Matcher(compileDictionary(input));
const found = (runs: string[], options?: Parameters<typeof findMentionsInRuns>[2]) => findMentionsInRuns(matcher, runs, options).map((r) => `${r.mention.entity}:${r.mention.text}`);
const topicOf = (runs: string[]) => resolvePage(matcher.dict, runs.map((t) => matcher.scan(t))).topic;

describe('the topic gate', () => {
  it('takes no evidence from a markets ticker: a football page with Nvidia and TSMC quotes stays silent', () => {
    const ticker = ['Dow 46,694.97 ', 'Nvidia 187.62 ', '+0.68%', 'TSMC 2330.TW 1,375 ▲ 1.8%', 'AMD 164.67 −0.25%', 'GPU stocks'];
    const page = [...ticker, 'Rovers won 2-1 in Singapore on Saturday.'];
    expect(topicOf(page)).toMatchObject({ onTopic: false, mentions: 0 });
    expect(found(page)).toEqual([]);
    // On a page about the topic, the same quotes are mentions like any other.
    expect(found([...ticker, 'Nvidia may sell the H200 in China.'])).toEqual(['nvidia:Nvidia', 'tsmc:TSMC', 'amd:AMD', 'nvidia:Nvidia', 'h200:H200']);
    // A name followed by words, not figures, is prose.
    expect(topicOf(['Nvidia 2026 plans', 'TSMC sells the H200 dies.']).mentions).toBe(3);
  });

  it('shows everything on a page with confident mentions of chips, companies, models or rules', () => {
    const page = ['Nvidia says the H20 needs an export licence.', 'Trump met Nvidia in Singapore.'];
    expect(topicOf(page)).toEqual({ onTopic: true, mentions: 4, entities: 3, beyondBrands: true });
    expect(found(page)).toEqual(['nvidia:Nvidia', 'h20:H20', 'export-licence:export licence', 'donald-trump:Trump', 'nvidia:Nvidia', 'singapore:Singapore']);
  });

  it('paints no people or places on a trade story that names no chip', () => {
    const page = ['Trump and Xi agreed on soybeans in Busan.', 'Trump said the talks went well; Singapore welcomed the truce.'];
    expect(topicOf(page).onTopic).toBe(false);
    expect(found(page)).toEqual([]);
  });

  it('does not count names resolved by context words alone (potato chips are not chips)', () => {
    const page = ['The snack maker exports potato chips and needs an export licence for each export.', 'Export controls on chips are strict, it said.'];
    // The licence and the controls resolve, but only through the word "chips".
    expect(resolvePage(matcher.dict, page.map((t) => matcher.scan(t)), { topicGate: false }).topic.mentions).toBe(0);
    expect(found(page)).toEqual([]);
    expect(found(page, { topicGate: false })).toContain('export-licence:export licence');
  });

  it('leaves brands alone on a travel page: a Huawei phone and Baidu maps', () => {
    const page = ['I used Baidu maps and my Huawei phone.', 'Baidu again, and a Tencent game on the train.'];
    expect(topicOf(page)).toMatchObject({ onTopic: false, mentions: 0 });
    expect(found(page)).toEqual([]);
    // Named next to a chip, the same brands are confident names and make the page about chips.
    expect(topicOf(['Huawei and Baidu buy the H20 from Nvidia.'])).toMatchObject({ onTopic: true, entities: 4 });
  });

  it('does not count company names alone as the topic, but still shows a name that needs no context', () => {
    const page = ['Nvidia and TSMC opened offices downtown.', 'Trump visited; Singapore sent a minister.'];
    expect(topicOf(page)).toEqual({ onTopic: false, mentions: 2, entities: 2, beyondBrands: false });
    expect(found(page)).toEqual(['nvidia:Nvidia', 'tsmc:TSMC']);
  });

  it('needs two different names, and is satisfied by a one-line news item that has them', () => {
    expect(topicOf(['Nvidia, Nvidia, Nvidia and its chips.'])).toMatchObject({ onTopic: false, entities: 1 });
    expect(topicOf(['Nvidia chips.'])).toMatchObject({ onTopic: false, mentions: 1 });
    expect(topicOf(['Nvidia shares rose after the H20 news.'])).toEqual({ onTopic: true, mentions: 2, entities: 2, beyondBrands: true });
  });

  it('leaves AMD the eye disease alone: a company name that is also an abbreviation needs chip context', () => {
    const page = ['AMD is the leading cause of sight loss.', 'Patients with AMD need injections; AMD treatment improved.'];
    expect(found(page, { topicGate: false })).toEqual([]);
    expect(found(['AMD and Nvidia chips: AMD shares rose.'], { topicGate: false })).toEqual(['amd:AMD', 'nvidia:Nvidia', 'amd:AMD']);
  });
});

describe('people, places and agencies', () => {
  const page = ['Trump allowed Nvidia to sell the H200 in Singapore.', 'BIS said the H200 export licences wait.', 'Trump, Singapore and BIS again; Trump.'];

  it('are shown at their first mention only', () => {
    expect(found(page)).toEqual([
      'donald-trump:Trump',
      'nvidia:Nvidia',
      'h200:H200',
      'singapore:Singapore',
      'bis:BIS',
      'h200:H200',
      'export-licence:export licences',
    ]);
  });

  it('are shown at every mention when the setting asks for it', () => {
    expect(found(page, { firstMentionOnly: false }).filter((m) => /^(donald-trump|singapore|bis):/.test(m))).toEqual([
      'donald-trump:Trump',
      'singapore:Singapore',
      'bis:BIS',
      'donald-trump:Trump',
      'singapore:Singapore',
      'bis:BIS',
      'donald-trump:Trump',
    ]);
  });
});

describe('requirements joined with "+"', () => {
  it('hold only when every condition holds', () => {
    // A chip but no export word: the loose word "licence" is not the export licence.
    expect(found(['The Nvidia H20 chip ships with a software licence.'], { topicGate: false })).not.toContain('export-licence:licence');
    // An export word and a chip: it is.
    expect(found(['Nvidia needs a licence to export the H20 chip.'], { topicGate: false })).toContain('export-licence:licence');
    // An export word but no chip: it is not.
    expect(found(['Farmers need a licence to export cheese.'], { topicGate: false })).toEqual([]);
  });

  it('explain which group of conditions let a mention through', () => {
    const runs = ['Nvidia needs a licence to export the H20 chip.'].map((t) => matcher.scan(t));
    const state = resolvePage(matcher.dict, runs, { topicGate: false });
    const reasons = explainPage(matcher.dict, runs, state);
    const licence = runs[0]!.findIndex((c) => c.start === 'Nvidia needs a '.length);
    expect(reasons[state.offsets[0]! + licence]).toEqual({ shown: true, via: 'context:export+context:chips | context:export+kind:chip' });
  });
});

describe('word boundaries', () => {
  it('reads a Catalan double l with a middle dot as one word, and a Greek ano teleia as punctuation', () => {
    const m = new Matcher(compileDictionary({ terms: [{ entity: 'intel', kind: 'company', alias: 'Intel', caseSensitive: true }] }));
    expect(m.scan('Butlletí Intel·ligència Artificial')).toEqual([]);
    expect(m.scan('της Intel· η εταιρεία')).toHaveLength(1);
    expect(m.scan('Intel · AMD')).toHaveLength(1);
  });
});
