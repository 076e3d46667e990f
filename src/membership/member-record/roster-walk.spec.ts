import { ALONE_SHARE, COMMON_SHARE, rareWords, RARE_SHARE } from './roster-walk.js';

const shares = (o: Record<string, number>) => new Map(Object.entries(o));

describe('the typed words an organization-wide search looks up in the word index', () => {
  it('takes a very rare word alone, and a rare word alone when every other word is common', () => {
    expect(rareWords(shares({ lo: 0.1, pan: 0.001 }))).toBe('pan:*');
    expect(rareWords(shares({ lo: 0.05, pan: ALONE_SHARE }))).toBe('pan:*');
    expect(rareWords(shares({ nguyen: 0.2, van: 0.15, thanh: 0.02 }))).toBe('thanh:*');
    expect(rareWords(shares({ lo: 0.1 + 0.01, pan: RARE_SHARE }))).toBe('pan:*');
  });

  it('takes a rare word together with the middling ones (fewer rows read from the table)', () => {
    // luong thi ngoc thoa: thoa is 1% of all names; with luong and ngoc ~0.002%; "thi" left out.
    expect(rareWords(shares({ luong: 0.037, thi: 0.42, ngoc: 0.041, thoa: 0.0097 }))).toBe('thoa:* & luong:* & ngoc:*');
    expect(rareWords(shares({ lo: 0.1, pan: RARE_SHARE }))).toBe('pan:* & lo:*');
  });

  it('takes the middling words together when no word is rare but the name they make is', () => {
    // quang thi ngoc la: no word under 3 %, but quang, ngoc and la together ~0.01 %; "thi" (41 %) left out.
    expect(rareWords(shares({ quang: 0.068, thi: 0.41, ngoc: 0.041, la: 0.035 }))).toBe('la:* & ngoc:* & quang:*');
    expect(rareWords(shares({ lo: 0.09, hien: 0.05, thi: COMMON_SHARE + 0.01 }))).toBe('hien:* & lo:*');
  });

  it('walks the roster when the words are common, alone or together', () => {
    expect(rareWords(shares({ nguyen: 0.2, van: 0.15 }))).toBeNull();
    expect(rareWords(shares({ th: 0.5, x: RARE_SHARE + 0.001 }))).toBeNull();
    expect(rareWords(shares({ nguyen: 0.2, thi: 0.41, lan: 0.12 }))).toBeNull();
    expect(rareWords(shares({ hoa: 0.14, mai: 0.13 }))).toBeNull();
    expect(rareWords(shares({}))).toBeNull();
  });
});
