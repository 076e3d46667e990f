import { byteSize } from './byte-size.js';

describe('a size as an operator reads it', () => {
  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [1024, '1.0 KB'],
    [1536, '1.5 KB'],
    [340.2 * 1024 * 1024, '340.2 MB'],
    [1.5 * 1024 ** 3, '1.5 GB'],
    [100 * 1024 ** 3, '100.0 GB'],
    [3 * 1024 ** 5, '3072.0 TB'],
  ])('%d bytes is %s', (bytes, text) => {
    expect(byteSize(bytes)).toBe(text);
  });
});
