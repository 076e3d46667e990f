import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import { vietnamTime } from '../../common/dates/vietnam-time.js';
import type { OverlapView } from '../../linker/review/person-views.service.js';
import { FIGURE_LABELS, PEOPLE_NOT_SUSPECTED, STRUCK } from '../figures/figure-wording.js';
import { ORG_COUNT_BUCKETS, reasonLabel, TOTAL_LABELS, type OrgCountSplit } from '../figures/report-figures.js';
import type { LiveCommune } from '../live/live-communes.js';
import type { LiveFigures } from '../live/live-figures.js';
import type { LiveUnit } from '../live/live-units.js';
import { periodName } from '../documents/wording.js';
import { communePeopleSheet } from '../documents/commune-people-sheet.js';
import { sheet, type Cell } from '../documents/xlsx-sheet.js';
import type { StoredPeriod } from './stored-periods.js';

const excel = (): typeof ExcelJS => createRequire(import.meta.url)('exceljs') as typeof ExcelJS;

/** What the dashboard shows of a scope: the live figures, every commune, the overlap and the stored periods. */
export interface DashboardData {
  live: LiveFigures;
  communes: LiveCommune[];
  overlap: OverlapView;
  /** The scope's stored periods that were over, of one kind, newest first (`endedPeriods`). */
  periods: StoredPeriod[];
  organizations: Map<string, string>;
  /** An organization's cơ sở, a unit's chi hội, with their figures (liveUnits; none for other scopes). */
  units: LiveUnit[];
}

/** The dashboard as a workbook: numbers as numbers, times in Vietnam time (aggregates only: no names). */
export async function writeDashboardXlsx(d: DashboardData, out: string): Promise<void> {
  const wb = new (excel().stream.xlsx.WorkbookWriter)({ filename: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Liên Thông';
  wb.title = `Tổng quan — ${d.live.area.label}`;
  const linked = d.live.linkedAt
    ? `số người và hồ sơ nghi ảo theo lần liên kết lúc ${vietnamTime(d.live.linkedAt)}`
    : 'chưa liên kết hồ sơ lần nào: số người và hồ sơ nghi ảo chưa đầy đủ';
  const heading = [`TỔNG QUAN — ${d.live.area.label.toUpperCase()}`, `Số liệu đến ${vietnamTime(d.live.asOf)} (giờ Việt Nam); ${linked}.`];
  const periods = d.periods;
  summarySheet(wb, d, periods[0], heading);
  if (d.units.length) unitsSheet(wb, d.units, heading);
  communePeopleSheet(wb, 'Theo xã', heading, d.communes, d.live.area.key);
  // In the organizations' own order (`d.organizations`), as the screen's table; any other after, by code.
  const present = new Set(d.overlap.matrix.flatMap((c) => [c.a, c.b]));
  const orgs = [
    ...[...d.organizations.keys()].filter((o) => present.has(o)),
    ...[...present].filter((o) => !d.organizations.has(o)).sort(),
  ];
  // An organization's or a unit's scope: its row only (where else its people are, as the console shows it).
  const ownRow = d.live.area.kind === 'org' || d.live.area.kind === 'unit';
  const rows = ownRow ? orgs.filter((o) => o === d.live.area.organization) : orgs;
  const cell = (a: string, b: string) => d.overlap.matrix.find((c) => (c.a === a && c.b === b) || (c.a === b && c.b === a))?.persons ?? 0;
  sheet(
    wb,
    'Trùng giữa tổ chức',
    [
      ...heading,
      ownRow
        ? `Số người của ${d.live.area.label} cùng đang sinh hoạt ở tổ chức của cột, trong toàn tỉnh (ô của chính tổ chức: số người của ${d.live.area.kind === 'org' ? 'tổ chức' : 'đơn vị'}).`
        : 'Số người cùng đang sinh hoạt ở cả hai tổ chức (đường chéo: số người của tổ chức).',
    ],
    // Each column by the organization's name, as its row (a code is no heading for a person).
    [{ header: 'Tổ chức', width: 34 }, ...orgs.map((o) => ({ header: d.organizations.get(o) ?? o, width: 18, number: true }))],
    rows.map((a) => [d.organizations.get(a) ?? a, ...orgs.map((b) => cell(a, b))]),
    { landscape: true },
  );
  trendSheet(wb, periods, heading);
  if (periods[0]) reachSheet(wb, periods[0], d.organizations, heading);
  await wb.commit();
}

function summarySheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, d: DashboardData, last: StoredPeriod | undefined, heading: string[]): void {
  const vs = (now: number, before: number | undefined): Cell[] => [now, before ?? null, before === undefined ? null : now - before];
  const t = last?.totals;
  // A commune's people in several organizations count those elsewhere in the province too; its Theo xã sheet counts within it.
  const wide =
    d.live.area.kind === 'commune'
      ? 'Tính trong toàn tỉnh: người của xã cùng sinh hoạt ở tổ chức khác, kể cả ở xã khác (trang "Theo xã" chỉ tính trong xã, nên có thể ít hơn).'
      : null;
  sheet(
    wb,
    'Tổng quan',
    [
      ...heading,
      last
        ? `So với báo cáo ${periodName(last.period)} (số liệu đến ${last.asOfDay.split('-').reverse().join('/')}).`
        : 'Chưa có báo cáo của kỳ nào đã kết thúc để so sánh.',
    ],
    [
      { header: 'Chỉ tiêu', width: 46 },
      { header: 'Hiện nay', width: 14, number: true },
      { header: 'Báo cáo gần nhất', width: 14, number: true },
      { header: 'Tăng (+) / giảm (−)', width: 16, number: true },
      { header: 'Cách tính', width: 60 },
    ],
    [
      [FIGURE_LABELS.memberships, ...vs(d.live.memberships, t?.memberships)],
      [FIGURE_LABELS.people, ...vs(d.live.people, t?.people ?? undefined)],
      [PEOPLE_NOT_SUSPECTED.label, ...vs(d.live.peopleNotSuspected, t?.peopleNotSuspected ?? undefined), PEOPLE_NOT_SUSPECTED.note],
      [FIGURE_LABELS.confirmedPhantoms, d.live.confirmedPhantoms, null, null],
      [FIGURE_LABELS.suspectedPhantoms, ...vs(d.live.suspectedPhantoms, t?.suspectedPhantoms)],
      ...ORG_COUNT_BUCKETS.map((b) => [b.label, ...vs(d.live.peopleByOrgCount[b.key] ?? 0, last?.peopleByOrgCount?.[b.key]), wide]),
      // The dashboard's (and Rà soát liên kết's) figure, under its name: the buckets from two organizations up.
      [TOTAL_LABELS.peopleInSeveralOrgs, ...vs(several(d.live.peopleByOrgCount), t?.peopleInSeveralOrgs), wide],
      ...Object.entries(d.live.phantomsByReason).map(([r, n]) => [`Nghi ảo — ${reasonLabel(r)}`, n, null, null]),
      ...(t
        ? [
            // The last period's, under "Báo cáo gần nhất" (there is no such figure for now).
            [`${TOTAL_LABELS.joiners} ${periodName(last.period)}`, null, t.joiners, null],
            [`${TOTAL_LABELS.leavers} ${periodName(last.period)}`, null, t.leavers, null],
            ...(t.struck === null ? [] : [[`${STRUCK.label} ${periodName(last.period)}`, null, t.struck, null, STRUCK.note]]),
          ]
        : []),
    ],
  );
}

/** People in two organizations or more, from a live split. */
const several = (split: OrgCountSplit): number =>
  ORG_COUNT_BUCKETS.filter((b) => b.key !== 'one').reduce((n, b) => n + (split[b.key] ?? 0), 0);

/** Tỷ lệ tập hợp of the last ended period, as the dashboard shows it: each organization's reached, eligible and rate (a percentage). */
function reachSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, last: StoredPeriod, names: Map<string, string>, heading: string[]): void {
  sheet(
    wb,
    'Tỷ lệ tập hợp',
    [
      ...heading,
      `Theo báo cáo ${periodName(last.period)} (số liệu đến ${last.asOfDay.split('-').reverse().join('/')}): số người không nghi ảo của tổ chức so với số đối tượng trong cơ sở dữ liệu dân cư.`,
    ],
    [
      { header: 'Tổ chức', width: 34 },
      { header: 'Số người không nghi ảo', width: 16, number: true },
      { header: 'Số đối tượng', width: 14, number: true },
      { header: 'Tỷ lệ tập hợp', width: 14, percent: true },
      { header: 'Ghi chú', width: 50 },
    ],
    last.organizations.map((o) =>
      o.reach.known
        ? [names.get(o.code) ?? o.code, o.reach.reached, o.reach.eligible, o.reach.rate, o.reach.label]
        : [names.get(o.code) ?? o.code, null, null, null, `Không tính được: ${o.reach.why}`],
    ),
  );
}

/** The stored periods, oldest first: each report's totals. */
function trendSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, periods: StoredPeriod[], heading: string[]): void {
  sheet(
    wb,
    'Qua các kỳ',
    heading,
    [
      { header: 'Kỳ', width: 14 },
      { header: 'Số liệu đến', width: 13 },
      { header: FIGURE_LABELS.memberships, width: 12, number: true },
      { header: FIGURE_LABELS.people, width: 12, number: true },
      { header: PEOPLE_NOT_SUSPECTED.label, width: 16, number: true },
      { header: FIGURE_LABELS.suspectedPhantoms, width: 11, number: true },
      { header: 'Kết nạp', width: 11, number: true },
      { header: 'Ra khỏi', width: 11, number: true },
      { header: STRUCK.label, width: 18, number: true },
    ],
    [...periods]
      .reverse()
      .map((r) => [
        periodName(r.period),
        r.asOfDay.split('-').reverse().join('/'),
        r.totals.memberships,
        r.totals.people,
        r.totals.peopleNotSuspected,
        r.totals.suspectedPhantoms,
        r.totals.joiners,
        r.totals.leavers,
        r.totals.struck,
      ]),
  );
}

/** The units under the scope, as the screen's table: each with the units under it; the scope unit's own members last. */
function unitsSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, units: LiveUnit[], heading: string[]): void {
  sheet(
    wb,
    'Theo đơn vị',
    [...heading, 'Mỗi dòng gồm cả các chi hội bên dưới đơn vị đó; một người ở hai chi hội được tính ở cả hai dòng.'],
    [
      { header: 'Mã đơn vị', width: 16 },
      { header: 'Đơn vị', width: 40 },
      { header: 'Xã/phường', width: 24 },
      { header: FIGURE_LABELS.memberships, width: 12, number: true },
      { header: FIGURE_LABELS.people, width: 12, number: true },
      { header: PEOPLE_NOT_SUSPECTED.label, width: 16, number: true },
      { header: FIGURE_LABELS.suspectedPhantoms, width: 11, number: true },
    ],
    units.map((u) => [u.code, u.own ? u.label : u.name, u.commune, u.memberships, u.people, u.peopleNotSuspected, u.suspectedPhantoms]),
  );
}
