import type { SkippedRow } from './sheet-reader.js';
import { SKIPPED_KEPT, SKIPPED_LISTED, SkippedLines } from './skipped-lines.js';

const line = (row: number, reason: string, sheet: string | null = null): SkippedRow => ({
  kind: 'skipped',
  source: { sheet, row, cells: [String(row)] },
  reason,
  after: 0,
  her: () => ({ header: [], cells: [], codeAt: -1, code: '' }),
  inResult: true,
});

describe('the lines of a roster that are no member, as an import lists them', () => {
  it('lists a run of one reason on consecutive rows as one entry (a template numbered down to row 8,000), each other line as its own', () => {
    const listed: { place: string; reason: string }[] = [];
    const lines = new SkippedLines(listed);
    lines.add(line(20, 'dòng tổng cộng'));
    for (let row = 302; row <= 8001; row++) lines.add(line(row, 'dòng chỉ có số thứ tự (STT)', 'DS'));
    lines.add(line(8003, 'dòng chỉ có số thứ tự (STT)', 'DS'));
    lines.finish();
    expect(listed).toEqual([
      { place: 'dòng 20', reason: 'dòng tổng cộng' },
      { place: 'dòng 302–8001 (7700 dòng, trang DS)', reason: 'dòng chỉ có số thứ tự (STT)' },
      { place: 'dòng 8003 (trang DS)', reason: 'dòng chỉ có số thứ tự (STT)' },
    ]);
    expect(lines.total).toBe(7702);
    expect(lines.kept.map((l) => l.source.row).slice(0, 3)).toEqual([20, 302, 303]);
  });

  it('holds at most SKIPPED_KEPT lines and lists at most SKIPPED_LISTED entries, the rest counted in one', () => {
    const listed: { place: string; reason: string }[] = [];
    const lines = new SkippedLines(listed);
    // Every other row: no runs (a million stray cells in every other row).
    for (let i = 0; i < SKIPPED_KEPT + 10; i++) lines.add(line(2 * i + 2, `ô lạ ${i % 7}`));
    lines.finish();
    expect(lines.total).toBe(SKIPPED_KEPT + 10);
    expect(lines.kept).toHaveLength(SKIPPED_KEPT);
    expect(listed).toHaveLength(SKIPPED_LISTED + 1);
    expect(listed.at(-1)).toEqual({
      place: `${SKIPPED_KEPT + 10 - SKIPPED_LISTED} dòng khác`,
      reason: 'cũng không phải hội viên (không liệt kê từng dòng)',
    });
  });
});
