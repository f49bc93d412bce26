import { describe, expect, it } from 'vitest';
import { escapeInline, toMarkdown, type Article, type Note } from '../../../model/interchange';
import { EL, EN, N1, N2, N3, sampleBundle, T0, ZH } from './interchange-fixture';

const EXPORTED = Date.UTC(2026, 11, 6, 10);
const NAMES = new Map([
  ['nvidia', 'Nvidia'],
  ['h20', 'Nvidia H20'],
]);

function note(over: Partial<Note>): Note {
  return { ...N2, ...over };
}

describe('Markdown export', () => {
  it('writes every article with its notes', () => {
    expect(toMarkdown(sampleBundle(), { exportedAt: EXPORTED, entityNames: NAMES })).toBe(
      [
        '# Notes from Gloss',
        '',
        'Exported 2026-12-06 10:00 UTC: 4 notes on 3 articles.',
        '',
        '## [Nvidia says US requires licence for H20 exports to China](<https://www.reuters.example/technology/nvidia-h20-licence-2025-04-15/>)',
        '',
        'reuters.example · published 2025-04-15 21:04 UTC',
        '',
        '> the U.S. government informed Nvidia\\',
        '> that it would require a license',
        '',
        'Licence requirement "for the indefinite future" — check the 8-K filing.',
        '',
        'Second paragraph, with a link: https://www.sec.example/8k',
        '',
        '- Tags: #export controls, #H20',
        '- Concerns: Nvidia, Nvidia H20',
        '- Created 2026-11-03 09:30 UTC, updated 2026-11-03 10:30 UTC',
        '',
        '---',
        '',
        'No quote on this one, and no tags. 🚀🇺🇸',
        '',
        '- Created 2026-11-03 09:30 UTC',
        '',
        '## [Η Nvidia και τα τσιπ «H20»: τι αλλάζει για την Κίνα](<https://www.kathimerini.example/economy/561234567/i-nvidia-kai-ta-tsip/>)',
        '',
        'kathimerini.example · published 2025-04-16',
        '',
        '> χρέωση ύψους 5,5 δισ. δολαρίων',
        '',
        'Η εκτίμηση των 5,5 δισ. δολαρίων επιβεβαιώνεται εδώ.',
        '',
        '- Tags: #Κίνα',
        '- Concerns: Nvidia',
        '- Created 2026-11-03 11:30 UTC',
        '',
        '## [台積電暫停7奈米晶片出貨中國客戶](<https://www.cna.example/news/afe/202504160123.aspx?lang=zh-hant>)',
        '',
        'cna.example',
        '',
        '> 台積電已通知中國大陸客戶，\\',
        '> 自11日起暫停出貨',
        '',
        '- Tags: #台積電, #7nm',
        '- Concerns: tsmc',
        '- Created 2026-11-03 12:30 UTC, updated 2026-11-03 13:30 UTC',
        '',
      ].join('\n'),
    );
  });

  it('writes one article with the article as the title, and entity ids when no names are given', () => {
    expect(toMarkdown(sampleBundle(), { articleId: EL.id })).toBe(
      [
        '# [Η Nvidia και τα τσιπ «H20»: τι αλλάζει για την Κίνα](<https://www.kathimerini.example/economy/561234567/i-nvidia-kai-ta-tsip/>)',
        '',
        'kathimerini.example · published 2025-04-16',
        '',
        '> χρέωση ύψους 5,5 δισ. δολαρίων',
        '',
        'Η εκτίμηση των 5,5 δισ. δολαρίων επιβεβαιώνεται εδώ.',
        '',
        '- Tags: #Κίνα',
        '- Concerns: nvidia',
        '- Created 2026-11-03 11:30 UTC',
        '',
      ].join('\n'),
    );
  });

  it('refuses an article that has no notes in the export', () => {
    expect(() => toMarkdown({ articles: [EN, ZH], notes: [N1] }, { articleId: ZH.id })).toThrow(`no notes on article ${ZH.id}`);
  });

  it('says so when there is nothing to export', () => {
    expect(toMarkdown({ articles: [], notes: [] }, { exportedAt: EXPORTED })).toBe('# Notes from Gloss\n\nExported 2026-12-06 10:00 UTC: 0 notes on 0 articles.\n');
  });

  it('looks entity names up only among the names given (an entity may be called "constructor")', () => {
    const md = toMarkdown({ articles: [EN], notes: [note({ entities: ['constructor', 'h20'] })] }, { entityNames: { h20: 'Nvidia H20' } });
    expect(md).toContain('- Concerns: constructor, Nvidia H20\n');
  });
});

describe('nothing a page or a note wrote becomes Markdown', () => {
  const hostile: Article = {
    ...EN,
    title: 'Chips [click](javascript:alert(1)) <img src=x onerror=alert(1)> **bold** `code` ~~gone~~ a|b &amp;',
    site: 'evil_site.example',
  };

  it('escapes the title inside the heading link, so only Gloss makes the link', () => {
    const md = toMarkdown({ articles: [hostile], notes: [N1] }, { articleId: hostile.id });
    expect(md.split('\n')[0]).toBe(
      '# [Chips \\[click\\](javascript:alert(1)) \\<img src=x onerror=alert(1)\\> \\*\\*bold\\*\\* \\`code\\` \\~\\~gone\\~\\~ a\\|b \\&amp;](<https://www.reuters.example/technology/nvidia-h20-licence-2025-04-15/>)',
    );
    expect(md.split('\n')[2]).toBe('evil\\_site.example · published 2025-04-15 21:04 UTC');
  });

  it('keeps links in a note as the text that was written', () => {
    const body = 'See [the filing](https://sec.example/8k) and ![pixel](https://t.example/p.gif) or <a href="https://x.example">x</a> <https://auto.example>';
    const md = toMarkdown({ articles: [EN], notes: [note({ body })] }, { articleId: EN.id });
    expect(md).toContain(
      'See \\[the filing\\](https://sec.example/8k) and !\\[pixel\\](https://t.example/p.gif) or \\<a href="https://x.example"\\>x\\</a\\> \\<https://auto.example\\>\n',
    );
  });

  it('leaves bare addresses readable, escaping only what could open a link or HTML inside them', () => {
    expect(escapeInline('read https://example.com/a_b*c?x=1&y=2 and www.example.org/x_y')).toBe('read https://example.com/a_b*c?x=1&y=2 and www.example.org/x_y');
    expect(escapeInline('https://example.com/[x](javascript:alert(1))')).toBe('https://example.com/\\[x\\](javascript:alert(1))');
    expect(escapeInline('snake_case *stars* outside an address')).toBe('snake\\_case \\*stars\\* outside an address');
  });

  it('keeps line starts from becoming headings, quotes, lists, rules, code or HTML blocks', () => {
    const body = ['# heading', '> quote', '- item', '+ item', '* item', '1. item', '2) item', '---', '===', '    indented code', '```js', '<div>', '[ref]: https://x.example'].join('\n');
    const md = toMarkdown({ articles: [EN], notes: [note({ body })] }, { articleId: EN.id });
    expect(md).toContain(
      [
        '\\# heading\\',
        '\\> quote\\',
        '\\- item\\',
        '\\+ item\\',
        '\\* item\\',
        '1\\. item\\',
        '2\\) item\\',
        '\\---\\',
        '\\===\\',
        'indented code\\',
        '\\`\\`\\`js\\',
        '\\<div\\>\\',
        '\\[ref\\]: https://x.example\n',
      ].join('\n'),
    );
  });

  it('shows character references as written instead of the characters they name', () => {
    expect(escapeInline('AT&T &lt;script&gt; &#60; &#x3c;')).toBe('AT&T \\&lt;script\\&gt; \\&#60; \\&#x3c;');
  });

  it('keeps a quote inside its block quote, blank lines included, and a backslash at a line end as text', () => {
    const md = toMarkdown({ articles: [EN], notes: [note({ quote: { exact: 'first\n\n# second\nends with \\', prefix: '', suffix: '' } })] }, { articleId: EN.id });
    expect(md).toContain('> first\n>\n> \\# second\\\n> ends with \\\\\n');
  });

  it('escapes tags and entity names, which users and packs write', () => {
    const md = toMarkdown({ articles: [EN], notes: [note({ tags: ['<b>x</b>', 'a_b'], entities: ['h20'] })] }, { articleId: EN.id, entityNames: { h20: '[H20](http://evil.example)' } });
    expect(md).toContain('- Tags: #\\<b\\>x\\</b\\>, #a\\_b\n');
    expect(md).toContain('- Concerns: \\[H20\\](http://evil.example)\n');
  });

  it('shows the address as the title when a page has none, and never links an address that is not http(s)', () => {
    const untitled = { ...EN, title: '  ' };
    expect(toMarkdown({ articles: [untitled], notes: [N1] }, { articleId: EN.id }).split('\n')[0]).toBe(`# [${EN.url}](<${EN.url}>)`);
    const odd = { ...EN, url: 'ftp://example.com/#x', title: 'Odd # title #' };
    expect(toMarkdown({ articles: [odd], notes: [N1] }, { articleId: EN.id }).split('\n')[0]).toBe('# Odd \\# title \\#');
  });

  it('puts parentheses and angle brackets in an address where they cannot end the link', () => {
    const paren = { ...EN, url: 'https://en.wikipedia.example/wiki/Nvidia_(company)>x' };
    expect(toMarkdown({ articles: [paren], notes: [N1] }, { articleId: EN.id }).split('\n')[0]).toBe(
      `# [${EN.title}](<https://en.wikipedia.example/wiki/Nvidia_(company)\\>x>)`,
    );
  });
});

describe('Markdown dates', () => {
  it('shows created and updated times in UTC, the updated one only when it differs to the minute', () => {
    const md = toMarkdown({ articles: [EN], notes: [note({ createdAt: T0, updatedAt: T0 + 30_000 }), note({ id: N3.id, createdAt: T0 + 5, updatedAt: T0 + 86_400_000 })] }, { articleId: EN.id });
    expect(md).toContain('- Created 2026-11-03 09:30 UTC\n');
    expect(md).toContain('- Created 2026-11-03 09:30 UTC, updated 2026-11-04 09:30 UTC\n');
  });

  it('shows a publication date as written when it is not an ISO time', () => {
    const md = toMarkdown({ articles: [{ ...EN, published: 'Spring_2025' }], notes: [N1] }, { articleId: EN.id });
    expect(md.split('\n')[2]).toBe('reuters.example · published Spring\\_2025');
  });
});
