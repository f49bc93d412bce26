import { describe, expect, it } from 'vitest';
import { csvCell, toCsv, type Note } from '../../../model/interchange';
import { EN, N1, N2, sampleBundle } from './interchange-fixture';

/** Splits RFC 4180 text into rows of cells, the way a spreadsheet program reads it. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) throw new Error('the last row does not end with CRLF');
  return rows;
}

describe('CSV export', () => {
  const csv = toCsv(sampleBundle());
  const rows = readCsv(csv.slice(1));

  it('starts with a UTF-8 byte order mark and ends every row with CRLF', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it('has a header and one row per note, in a fixed order', () => {
    expect(rows[0]).toEqual([
      'note id',
      'created (UTC)',
      'updated (UTC)',
      'article title',
      'article url',
      'site',
      'published',
      'quote',
      'prefix',
      'suffix',
      'position start',
      'position end',
      'note text',
      'tags',
      'entities',
    ]);
    expect(rows).toHaveLength(5);
    for (const r of rows) expect(r).toHaveLength(15);
  });

  it('writes an anchored note completely, line breaks and quotes inside cells included', () => {
    expect(rows[1]).toEqual([
      N1.id,
      '2026-11-03 09:30:15',
      '2026-11-03 10:30:15',
      EN.title,
      EN.url,
      'reuters.example',
      '2025-04-15T21:04:00.000Z',
      'the U.S. government informed Nvidia\nthat it would require a license',
      'On April 9, 2025, ',
      ' for export of its H20 integrated circuits',
      '1204',
      '1269',
      N1.body,
      'export controls;H20',
      'nvidia;h20',
    ]);
    expect(csv).toContain('"Licence requirement ""for the indefinite future"" — check the 8-K filing.\n\nSecond paragraph, with a link: https://www.sec.example/8k"');
  });

  it('leaves the cells of a note without quote, position or tags empty', () => {
    expect(rows[2]!.slice(7, 12)).toEqual(['', '', '', '', '']);
    expect(rows[2]![13]).toBe('');
  });

  it('keeps Greek and Chinese as they are', () => {
    expect(rows[3]![3]).toBe('Η Nvidia και τα τσιπ «H20»: τι αλλάζει για την Κίνα');
    expect(rows[4]![7]).toBe('台積電已通知中國大陸客戶，\n自11日起暫停出貨');
  });

  it('uses entity names when it is given them', () => {
    const named = readCsv(toCsv(sampleBundle(), { entityNames: { nvidia: 'Nvidia', h20: 'Nvidia H20' } }).slice(1));
    expect(named[1]![14]).toBe('Nvidia;Nvidia H20');
  });
});

describe('CSV cells', () => {
  it('quotes a cell with a comma, a double quote or a line break, doubling the quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
  });

  it('turns what a spreadsheet would run as a formula into text with a leading apostrophe', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","click")')).toBe('"\'=HYPERLINK(""http://evil.example"",""click"")"');
    expect(csvCell('+1+1')).toBe("'+1+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('\r=1')).toBe('"\'\r=1"');
    expect(csvCell('a=1')).toBe('a=1');
  });

  it('neutralises a formula wherever a page or a person wrote it: title, quote, text, tags', () => {
    const hostileNote: Note = { ...N2, body: '=cmd|"/c calc"!A1', tags: ['+tag'], quote: { exact: '@evil', prefix: '-', suffix: '' } };
    const row = readCsv(toCsv({ articles: [{ ...EN, title: '=1+1' }], notes: [hostileNote] }).slice(1))[1]!;
    expect(row[3]).toBe("'=1+1");
    expect(row[7]).toBe("'@evil");
    expect(row[8]).toBe("'-");
    expect(row[12]).toBe('\'=cmd|"/c calc"!A1');
    expect(row[13]).toBe("'+tag");
  });
});
