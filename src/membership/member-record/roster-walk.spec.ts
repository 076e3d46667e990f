import { rarestWord, RARE_SHARE, type WordStats } from './roster-walk.js';

const stats: WordStats = {
  shares: new Map([
    ['nguyen', 0.2],
    ['van', 0.15],
    ['thi', 0.2],
    ['thanh', 0.02],
    ['thu', 0.01],
    ['lo', 0.1],
  ]),
  floor: 0.001,
};

describe('the rarest typed word (when an organization-wide search asks the word index)', () => {
  it('takes the word that narrows most, rare enough for the index', () => {
    expect(rarestWord(['nguyen', 'van', 'thanh'], stats)).toBe('thanh');
    expect(rarestWord(['lo', 'pan'], stats)).toBe('pan');
  });

  it('counts a prefix as every listed word it starts', () => {
    // 'th' starts thi, thanh and thu: 0.231 of the names, not rare; 'thu' alone is.
    expect(rarestWord(['th'], stats)).toBeNull();
    expect(rarestWord(['nguyen', 'thu'], stats)).toBe('thu');
    expect(rarestWord(['nguyen', 'than'], stats)).toBe('than');
  });

  it('walks the roster when every word is common', () => {
    expect(rarestWord(['nguyen', 'van'], stats)).toBeNull();
    expect(rarestWord(['lo'], { ...stats, floor: RARE_SHARE })).toBeNull();
  });

  it('knows no word rare without statistics (the table not yet analyzed)', () => {
    expect(rarestWord(['pan'], { shares: new Map(), floor: 1 })).toBeNull();
  });
});
