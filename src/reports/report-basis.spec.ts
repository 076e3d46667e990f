import { parsePeriod } from '../common/dates/period.js';
import { basisLine, needsComputing, periodEnded, provisionalReason } from './report-basis.js';

describe('when a report is final', () => {
  const q3 = parsePeriod('2026-Q3'); // ends 01/10/2026 00:00 in Vietnam = 30/09 17:00 UTC
  const run = (finishedAt: string) => ({ id: '6f1c0e7a-0000-4000-8000-000000000001', finishedAt });

  it.each([
    ['while the period runs', '2026-09-20T03:00:00Z', run('2026-09-30T18:00:00Z'), 'kỳ Quý III/2026 chưa kết thúc'],
    ['with no linker run', '2026-10-01T00:00:00Z', null, 'chưa chạy liên kết hồ sơ'],
    [
      'with a linker run before the end',
      '2026-10-01T00:00:00Z',
      run('2026-09-30T16:59:00Z'),
      'lần liên kết gần nhất (30/09/2026 23:59) xong trước khi kỳ kết thúc',
    ],
  ])('is provisional %s', (_what, computedAt, linkRun, why) => {
    expect(provisionalReason(q3, new Date(computedAt), linkRun)).toContain(why);
  });

  it('is final after the period with a linker run finished after it ended', () => {
    expect(provisionalReason(q3, new Date('2026-10-02T00:00:00Z'), run('2026-09-30T17:00:00Z'))).toBeNull();
  });

  it.each([
    [undefined, true],
    [{ final: true, beforeEnd: false, newerLinkRun: true }, false],
    [{ final: false, beforeEnd: true, newerLinkRun: false }, true],
    [{ final: false, beforeEnd: false, newerLinkRun: true }, true],
    [{ final: false, beforeEnd: false, newerLinkRun: false }, false],
  ])('is computed again by the schedule from %j: %s', (state, again) => {
    expect(needsComputing(state)).toBe(again);
  });

  it('says in one line what a report was computed from, in Vietnam time', () => {
    const line = basisLine({
      period: '2026-Q3',
      scope: 'province',
      final: true,
      computedAt: new Date('2026-10-01T00:00:00Z'),
      data: { records: 1234, linkRun: run('2026-09-30T17:30:00Z') },
    });
    expect(line).toBe(
      'báo cáo 2026-Q3 province: đã lập, chính thức; từ 1234 hồ sơ, lần liên kết 6f1c0e7a-0000-4000-8000-000000000001 xong lúc 01/10/2026 00:30',
    );
  });
});

describe('whether a report’s period had ended when it was computed', () => {
  it.each([
    ['2026-Q3', '2026-09-30', true],
    ['2026-Q4', '2026-12-03', false],
    ['2026-11', '2026-11-30', true],
    ['2026-11', '2026-11-29', false],
    ['2026-02', '2026-02-28', true],
    ['2028-02', '2028-02-28', false],
    ['2026', '2026-12-31', true],
    ['2026', '2026-12-30', false],
  ])('%s as of %s: %s', (period, asOfDay, ended) => {
    expect(periodEnded({ period, asOfDay })).toBe(ended);
  });
});
