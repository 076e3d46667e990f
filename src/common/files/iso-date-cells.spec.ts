import { Readable } from 'node:stream';
import { isoDateCellStream, isoDateCellsAsText, isoDay } from './iso-date-cells.js';

describe('date cells written as ISO text (t="d")', () => {
  it('reads the day of a timestamp, a local midnight east of Greenwich included', () => {
    expect(isoDay('2003-07-10T00:00:00.000Z')).toBe('2003-07-10');
    // Vietnam's midnight of 10 July, stored in UTC by a writer in Hà Nội.
    expect(isoDay('2003-07-09T17:00:00.000Z')).toBe('2003-07-10');
    expect(isoDay('1985-03-12')).toBe('1985-03-12');
    expect(isoDay('không phải ngày')).toBe('không phải ngày');
  });

  it('makes each a text cell of its day, with its reference, style and namespace kept, and leaves other cells alone', () => {
    const xml =
      '<row r="3"><c r="A3" t="n"><v>1</v></c><c r="C3" s="2" t="d"><v>2003-07-10T00:00:00.000Z</v></c>' +
      '<x:c r=\'D3\' t=\'d\'><x:v>1999-09-20T00:00:00Z</x:v></x:c><c r="E3" t="s"><v>4</v></c></row>';
    expect(isoDateCellsAsText(xml)).toBe(
      '<row r="3"><c r="A3" t="n"><v>1</v></c><c r="C3" s="2" t="str"><v>2003-07-10</v></c>' +
        '<x:c r=\'D3\' t="str"><x:v>1999-09-20</x:v></x:c><c r="E3" t="s"><v>4</v></c></row>',
    );
  });

  it('rewrites a date cell cut anywhere between two chunks of the stream, a letter cut in its bytes too', async () => {
    const xml =
      '<sheetData><row r="2"><c r="B2" t="inlineStr"><is><t>Lò Thị Hòa</t></is></c><c r="C2" t="d"><v>2003-07-10T00:00:00.000Z</v></c></row></sheetData>';
    const bytes = Buffer.from(xml);
    const want = isoDateCellsAsText(xml);
    expect(want).toContain('<c r="C2" t="str"><v>2003-07-10</v></c>');
    for (let cut = 1; cut < bytes.length; cut++) {
      let out = '';
      for await (const c of Readable.from([bytes.subarray(0, cut), bytes.subarray(cut)]).pipe(isoDateCellStream())) out += String(c);
      expect([cut, out]).toEqual([cut, want]);
    }
  });
});
