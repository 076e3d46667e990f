import { copyValue } from './copy-rows.js';

describe('copyValue (COPY text format)', () => {
  it.each<[unknown, string]>([
    [null, '\\N'],
    [undefined, '\\N'],
    [true, 't'],
    [false, 'f'],
    [12, '12'],
    ['Nguyễn Thị Lan', 'Nguyễn Thị Lan'],
    ['a\tb', 'a\\tb'],
    ['dòng 1\ndòng 2\r\n', 'dòng 1\\ndòng 2\\r\\n'],
    ['C:\\tệp', 'C:\\\\tệp'],
    // A JSON value with a bytea in it: its backslashes doubled, nothing else touched.
    [
      JSON.stringify({ id_number_hash: '\\xab01', full_name: 'Lê "Văn" An' }),
      '{"id_number_hash":"\\\\\\\\xab01","full_name":"Lê \\\\"Văn\\\\" An"}',
    ],
    ['\\\t', '\\\\\\t'],
    [Buffer.from([0xab, 0x01]), '\\\\xab01'],
    [['01', '02'], '{01,02}'],
  ])('%j → %s', (value, text) => {
    expect(copyValue(value)).toBe(text);
  });
});
