/**
 * What each chart of a report shows — title, note, categories, series, colours — defined once, as
 * pure data from figures the API also gives (Report.organizations, phantomsByReason, overlap, the
 * stored periods). The PDF draws these (documents/pdf-drawing.ts); the console can draw the same
 * definitions (`echartsOption` turns one into an ECharts option). No imports: the console's bundle
 * can take this file as it is.
 */

export const CHART_COLORS = { memberships: '#2f6fb3', people: '#f0a030', phantoms: '#c0392b' };

export interface ChartSeries {
  name: string;
  color: string;
  values: number[];
}

/** Horizontal bars, one group per category, several series side by side. */
export interface BarChartDef {
  kind: 'bar';
  title: string;
  note?: string;
  categories: string[];
  series: ChartSeries[];
  /** Room for the category names, in points of the PDF. */
  labelWidth: number;
}

/** Lines across periods, oldest first. */
export interface LineChartDef {
  kind: 'line';
  title: string;
  note?: string;
  categories: string[];
  series: ChartSeries[];
}

/** A square matrix: the diagonal is each one's own, the rest what two share. */
export interface HeatmapDef {
  kind: 'heatmap';
  title: string;
  note: string;
  codes: string[];
  /** values[i][j]: row codes[i], column codes[j]. */
  values: number[][];
  legend: string;
}

export type ChartDef = BarChartDef | LineChartDef | HeatmapDef;

export function organizationsChart(orgs: { code: string; memberships: number; people: number }[]): BarChartDef {
  return {
    kind: 'bar',
    title: 'Số lượt và số người theo tổ chức',
    note: 'Số lượt: hồ sơ đang sinh hoạt; số người: người thật sau khi liên kết hồ sơ.',
    categories: orgs.map((o) => o.code),
    series: [
      { name: 'Số lượt', color: CHART_COLORS.memberships, values: orgs.map((o) => o.memberships) },
      { name: 'Số người', color: CHART_COLORS.people, values: orgs.map((o) => o.people) },
    ],
    labelWidth: 60,
  };
}

/** Suspected phantoms by reason, the most frequent first. */
export function phantomReasonsChart(reasons: { label: string; records: number }[]): BarChartDef {
  const sorted = [...reasons].sort((a, b) => b.records - a.records);
  return {
    kind: 'bar',
    title: 'Hồ sơ nghi ảo theo lý do',
    note: 'Một hồ sơ có thể có nhiều lý do.',
    categories: sorted.map((r) => r.label),
    series: [{ name: 'Hồ sơ nghi ảo', color: CHART_COLORS.phantoms, values: sorted.map((r) => r.records) }],
    labelWidth: 170,
  };
}

export function overlapHeatmap(codes: string[], people: (a: string, b: string) => number): HeatmapDef {
  return {
    kind: 'heatmap',
    title: 'Trùng giữa các tổ chức',
    note: 'Một người có thể là thành viên của nhiều tổ chức.',
    codes,
    values: codes.map((a) => codes.map((b) => people(a, b))),
    legend: 'Ô chéo: số người của tổ chức; ô khác: số người cùng ở hai tổ chức (đậm hơn: nhiều hơn).',
  };
}

export function trendChart(points: { period: string; memberships: number; people: number; suspectedPhantoms: number }[]): LineChartDef {
  return {
    kind: 'line',
    title: 'Xu hướng qua các kỳ',
    note: points.length > 1 ? undefined : 'Mới có một kỳ: các kỳ sau sẽ nối thành đường.',
    categories: points.map((p) => p.period),
    series: [
      { name: 'Số lượt', color: CHART_COLORS.memberships, values: points.map((p) => p.memberships) },
      { name: 'Số người (sau liên kết)', color: CHART_COLORS.people, values: points.map((p) => p.people) },
      { name: 'Hồ sơ nghi ảo', color: CHART_COLORS.phantoms, values: points.map((p) => p.suspectedPhantoms) },
    ],
  };
}

/** The same definition as an ECharts option (plain data), for a screen that draws with ECharts. */
export function echartsOption(def: ChartDef): Record<string, unknown> {
  const title = { text: def.title, subtext: def.note ?? '' };
  if (def.kind === 'heatmap') {
    const cells = def.values.flatMap((row, i) => row.map((v, j) => [j, i, v]));
    const max = Math.max(1, ...cells.filter(([j, i]) => i !== j).map(([, , v]) => v));
    return {
      title,
      tooltip: {},
      xAxis: { type: 'category', data: def.codes },
      yAxis: { type: 'category', data: def.codes },
      visualMap: {
        min: 0,
        max,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        inRange: { color: ['#ffffff', CHART_COLORS.memberships] },
      },
      series: [{ type: 'heatmap', data: cells, label: { show: true } }],
    };
  }
  const bar = def.kind === 'bar';
  const categoryAxis = { type: 'category', data: def.categories, ...(bar ? { inverse: true } : {}) };
  return {
    title,
    tooltip: { trigger: 'axis' },
    legend: { data: def.series.map((s) => s.name) },
    xAxis: bar ? { type: 'value' } : categoryAxis,
    yAxis: bar ? categoryAxis : { type: 'value' },
    series: def.series.map((s) => ({ type: def.kind, name: s.name, data: s.values, itemStyle: { color: s.color }, label: { show: bar } })),
  };
}
