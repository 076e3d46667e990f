import { Readable } from 'node:stream';
import { columnNumber, hiddenRowsIn, MergedCells, mergeRangesIn, readSheetOutline } from './merged-cells.js';

describe('cells merged down a column', () => {
  it('reads the ranges merged over more than one row, $ signs and namespaces allowed', () => {
    expect(columnNumber('A')).toBe(1);
    expect(columnNumber('AB')).toBe(28);
    const xml = '<mergeCells count="3"><mergeCell ref="E5:E9"/><x:mergeCell ref="$B$2:$D$2"/><mergeCell ref="A10:B12"/></mergeCells>';
    expect(mergeRangesIn(xml)).toEqual([
      { firstColumn: 5, firstRow: 5, lastColumn: 5, lastRow: 9 },
      { firstColumn: 1, firstRow: 10, lastColumn: 2, lastRow: 12 },
    ]);
  });

  it('finds a range whose tag is cut between two chunks of the part', async () => {
    const xml = Buffer.from('<sheetData/><mergeCells><mergeCell ref="E5:E9"/></mergeCells>');
    for (let cut = 1; cut < xml.length; cut++)
      expect([cut, (await readSheetOutline(Readable.from([xml.subarray(0, cut), xml.subarray(cut)]))).merges]).toEqual([
        cut,
        [{ firstColumn: 5, firstRow: 5, lastColumn: 5, lastRow: 9 }],
      ]);
  });

  it('gives the rows below a range’s first cell its text, in its first column only', () => {
    const merges = new MergedCells([{ firstColumn: 3, firstRow: 2, lastColumn: 4, lastRow: 4 }]);
    expect(merges.of(1, ['STT', 'Họ và tên', 'Chi hội'])).toBeNull();
    expect(merges.of(2, ['1', 'Lò Thị Một', 'Chi hội Bản Phủ'])).toBeNull();
    expect(merges.of(3, ['2', 'Lò Thị Hai', ''])).toEqual([null, null, 'Chi hội Bản Phủ', null]);
    expect(merges.of(5, ['4', 'Lò Thị Bốn', ''])).toBeNull();
  });

  it('finds the rows hidden by hand or by a filter, whatever the order of the attributes, and not a row only styled', async () => {
    const xml =
      '<sheetData><row r="2" spans="1:3"><c r="A2"/></row><row r="3" hidden="1" ht="15"/><x:row hidden="true" r="5"/>' +
      '<row r="6" customHeight="1" ht="0.1"/><row r="7" hidden="0"/></sheetData>';
    expect(hiddenRowsIn(xml)).toEqual([3, 5]);
    const buf = Buffer.from(xml);
    for (let cut = 1; cut < buf.length; cut++)
      expect([cut, [...(await readSheetOutline(Readable.from([buf.subarray(0, cut), buf.subarray(cut)]))).hiddenRows]]).toEqual([
        cut,
        [3, 5],
      ]);
  });
});
