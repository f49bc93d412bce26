import { describe, expect, it } from 'vitest';
import { compileDictionary, findMentions, findMentionsInRuns, Matcher, resolvePage } from '../../../engine';

// One spelling, two entities: 商務部 is the US department in Taiwanese reports on US
// rules and China's ministry in mainland reports. The page decides.
const matcher = new Matcher(
  compileDictionary({
    terms: [
      { entity: 'us-commerce', kind: 'org', alias: '美國商務部' },
      { entity: 'us-commerce', kind: 'org', alias: '商務部', requires: ['entity:us-commerce', 'entity:bis'] },
      { entity: 'bis', kind: 'org', alias: '工業安全局' },
      { entity: 'mofcom', kind: 'org', alias: '中國商務部' },
      { entity: 'mofcom', kind: 'org', alias: '商務部', requires: ['entity:mofcom', 'context:china'] },
      { entity: 'nvidia', kind: 'company', alias: '輝達' },
    ],
    contexts: { china: ['北京', '中國'] },
  }),
);
const find = (text: string) => findMentions(matcher, text).map((m) => `${m.entity}:${m.text}`);

describe('a span two entities share', () => {
  it('goes to the entity the page names elsewhere', () => {
    expect(find('美國商務部工業安全局表示，商務部將審查輝達的申請。')).toEqual(['us-commerce:美國商務部', 'bis:工業安全局', 'us-commerce:商務部', 'nvidia:輝達']);
    expect(find('中國商務部回應稱，商務部將採取措施。')).toEqual(['mofcom:中國商務部', 'mofcom:商務部']);
  });

  it('prefers a named entity over a context word', () => {
    // 北京 (context for China's ministry) and 工業安全局 (names BIS): BIS is more specific.
    expect(find('北京消息，工業安全局與商務部')).toEqual(['bis:工業安全局', 'us-commerce:商務部']);
  });

  it('is no mention when nothing on the page decides', () => {
    expect(find('商務部發言人表示')).toEqual([]);
  });
});

// "AMD" is the chip maker on a page about chips, and an eye disease on a page that says
// "macular degeneration", whatever else that page mentions.
describe('a name the page uses in another sense', () => {
  const m = new Matcher(
    compileDictionary({
      terms: [
        { entity: 'amd', kind: 'company', alias: 'AMD', caseSensitive: true, requires: ['context:chips', 'entity:nvidia', '!context:not-eye-disease'] },
        { entity: 'nvidia', kind: 'company', alias: 'Nvidia' },
        { entity: 'h20', kind: 'chip', alias: 'H20' },
      ],
      contexts: { chips: ['chips'], 'not-eye-disease': ['macular degeneration'] },
    }),
  );
  const on = (text: string, options = {}) => findMentionsInRuns(m, [text], options).map((r) => `${r.mention.entity}:${r.mention.text}`);

  it('is refused there, even beside the words and names that would otherwise let it through', () => {
    expect(on('AMD and Nvidia chips', { topicGate: false })).toEqual(['amd:AMD', 'nvidia:Nvidia']);
    expect(on('Screening for AMD (macular degeneration) runs on Nvidia chips', { topicGate: false })).toEqual(['nvidia:Nvidia']);
  });

  it('does not make the page about the topic', () => {
    // Nvidia and its H20 are on topic; a brand and the other sense's word alone are not.
    expect(on('Nvidia sells the H20; AMD sells chips too')).toEqual(['nvidia:Nvidia', 'h20:H20', 'amd:AMD']);
    const text = 'Nvidia and Intel: a study of macular degeneration';
    const topic = (t: string) => resolvePage(m.dict, [m.scan(t, new Uint8Array(m.dict.contexts.length))]).topic;
    expect(topic(text).beyondBrands).toBe(false);
    expect(topic('Nvidia and Intel make chips').beyondBrands).toBe(true);
  });
});
