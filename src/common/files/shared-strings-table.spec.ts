import { sharedStringsTable, WorkbookRefused } from './shared-strings-table.js';

describe("the parser's shared-strings table", () => {
  it('reads a cell past the table as the index it points to, never as an empty cell', () => {
    const reader: { sharedStrings?: unknown[] } = {};
    sharedStringsTable(reader, 10);
    reader.sharedStrings = [];
    reader.sharedStrings.push('Lò Thị Ỏn');
    expect([reader.sharedStrings[0], reader.sharedStrings[3]]).toEqual(['Lò Thị Ỏn', { sharedString: 3 }]);
  });

  it('stops the reading when the table grows past the limit (a file that declares no count), saying so in Vietnamese', () => {
    const reader: { sharedStrings?: unknown[] } = {};
    sharedStringsTable(reader, 3);
    reader.sharedStrings = [];
    for (const s of ['a', 'b', 'c']) reader.sharedStrings.push(s);
    expect(() => reader.sharedStrings!.push('d')).toThrow(WorkbookRefused);
    expect(() => reader.sharedStrings!.push('d')).toThrow('có hơn 3 chuỗi dùng chung (giới hạn 3), nên không được đọc: hãy chia danh sách');
  });
});
