import { echartsOption, organizationsChart, overlapHeatmap, phantomReasonsChart, trendChart } from './report-charts.js';

describe("the report's chart definitions", () => {
  it('define each chart once from figures the API gives, most frequent reason first', () => {
    const orgs = organizationsChart([
      { code: 'HPN', memberships: 5, people: 4 },
      { code: 'NCT', memberships: 3, people: 3 },
    ]);
    expect(orgs).toMatchObject({ kind: 'bar', categories: ['HPN', 'NCT'], series: [{ values: [5, 3] }, { values: [4, 3] }] });
    const reasons = phantomReasonsChart([
      { label: 'Lâu không sinh hoạt', records: 2 },
      { label: 'Đã mất', records: 7 },
    ]);
    expect(reasons.categories).toEqual(['Đã mất', 'Lâu không sinh hoạt']);
    expect(reasons.series[0].values).toEqual([7, 2]);
    const overlap = overlapHeatmap(['HPN', 'NCT'], (a, b) => (a === b ? 10 : 3));
    expect(overlap.values).toEqual([
      [10, 3],
      [3, 10],
    ]);
    const trend = trendChart([{ period: '2026-Q3', memberships: 9, people: 8, suspectedPhantoms: 1 }]);
    expect(trend.note).toBe('Mới có một kỳ: các kỳ sau sẽ nối thành đường.');
  });

  it('turn into ECharts options: bars along the value axis, the heat map scaled on the cells off the diagonal', () => {
    const bar = echartsOption(organizationsChart([{ code: 'HPN', memberships: 5, people: 4 }]));
    expect(bar).toMatchObject({ xAxis: { type: 'value' }, yAxis: { type: 'category', data: ['HPN'] } });
    expect(bar.series).toEqual([
      expect.objectContaining({ type: 'bar', name: 'Số lượt', data: [5] }),
      expect.objectContaining({ type: 'bar', name: 'Số người', data: [4] }),
    ]);
    const heat = echartsOption(overlapHeatmap(['HPN', 'NCT'], (a, b) => (a === b ? 10 : 3)));
    expect(heat).toMatchObject({
      visualMap: { max: 3 },
      series: [
        {
          type: 'heatmap',
          data: [
            [0, 0, 10],
            [1, 0, 3],
            [0, 1, 3],
            [1, 1, 10],
          ],
        },
      ],
    });
    const line = echartsOption(trendChart([{ period: '2026-Q3', memberships: 9, people: 8, suspectedPhantoms: 1 }]));
    expect(line).toMatchObject({ xAxis: { type: 'category', data: ['2026-Q3'] }, yAxis: { type: 'value' } });
  });
});
