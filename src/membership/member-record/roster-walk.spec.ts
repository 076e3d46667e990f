import { rarestWord, RARE_SHARE } from './roster-walk.js';

const shares = (o: Record<string, number>) => new Map(Object.entries(o));

describe('the rarest typed word (when an organization-wide search asks the word index)', () => {
  it('takes the word that narrows most, when it is rare enough for the index', () => {
    expect(rarestWord(shares({ nguyen: 0.2, van: 0.15, thanh: 0.02 }))).toBe('thanh');
    expect(rarestWord(shares({ lo: 0.1, pan: 0.001 }))).toBe('pan');
    expect(rarestWord(shares({ lo: 0.1, pan: RARE_SHARE }))).toBe('pan');
  });

  it('walks the roster when every word is common', () => {
    expect(rarestWord(shares({ nguyen: 0.2, van: 0.15 }))).toBeNull();
    expect(rarestWord(shares({ th: 0.5, x: RARE_SHARE + 0.001 }))).toBeNull();
    expect(rarestWord(shares({}))).toBeNull();
  });
});
