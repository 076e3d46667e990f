import { isDitto } from './ditto-cell.js';

describe('isDitto: "the same as above" as secretaries write it', () => {
  it.each(['nt', 'NT', 'n.t', 'N/T', '-nt-', 'như trên', 'Như trên.', '"', '〃', '”', "''", '-"-'])(
    'reads %p as the member above',
    (text) => {
      expect(isDitto(text)).toBe(true);
    },
  );
  it.each(['', 'Nùng', 'Nt Hòa', 'nhà trên', 'Thôn NT', '0'])('reads %p as itself', (text) => {
    expect(isDitto(text)).toBe(false);
  });
});
