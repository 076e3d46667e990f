import { Button, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { partialDate, unitRefLabel } from '../format.ts';
import { T } from '../text.ts';
import { PENDING_TONE, SEVERITY_TONE } from '../tones.ts';
import type { RosterRow } from './roster-query.ts';

export type ColumnKey =
  'code' | 'name' | 'birth' | 'sex' | 'unit' | 'commune' | 'village' | 'position' | 'status' | 'idNumber' | 'phone' | 'flags';
export const DEFAULT_COLUMNS: ColumnKey[] = ['name', 'birth', 'sex', 'unit', 'commune', 'status', 'flags'];
export const ALL_COLUMNS: ColumnKey[] = [
  'code',
  'name',
  'birth',
  'sex',
  'unit',
  'commune',
  'village',
  'position',
  'status',
  'idNumber',
  'phone',
  'flags',
];
/** Where her choice of columns is kept in this browser (column names only: nothing of a person). */
export const COLUMNS_KEPT = 'lienthong.roster-columns';

/** The columns she chose last time in this browser, in the table's order; the usual ones when none (or none readable). */
export function keptColumns(): ColumnKey[] {
  try {
    const kept = JSON.parse(window.localStorage.getItem(COLUMNS_KEPT) ?? 'null') as unknown;
    // Her name always (a choice kept from before it was fixed included): it is what she opens a member by.
    if (Array.isArray(kept) && kept.length) return ALL_COLUMNS.filter((c) => c === 'name' || kept.includes(c));
  } catch {
    // (A browser that keeps nothing, or a value written by hand: the usual columns.)
  }
  return DEFAULT_COLUMNS;
}

/** The roster table's columns she chose, in order: the row's number first; on a phone the number and name kept at the left. */
export function rosterColumns(keys: ColumnKey[], offset: number, open: (id: string) => void, narrow: boolean): ColumnsType<RosterRow> {
  const all: Record<ColumnKey, ColumnsType<RosterRow>[number]> = {
    code: { title: T.column.code, dataIndex: 'externalId' },
    name: {
      title: T.column.name,
      render: (_, r) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => open(r.id)}>
          {r.fullName}
        </Button>
      ),
    },
    birth: { title: T.column.birth, render: (_, r) => partialDate(r.birthDate) },
    sex: { title: T.column.sex, render: (_, r) => (r.sex ? T.sex[r.sex] : T.dash) },
    unit: { title: T.column.unit, render: (_, r) => r.unit?.name ?? T.dash },
    commune: { title: T.column.commune, render: (_, r) => r.commune?.name ?? T.dash },
    village: { title: T.column.village, render: (_, r) => r.village ?? T.dash },
    position: { title: T.column.position, render: (_, r) => r.profile.find((p) => p.key === 'position')?.value ?? T.dash },
    status: {
      title: T.column.status,
      render: (_, r) => (
        // Apart, not run together ("Đang sinh hoạtChờ…"): her screen reader reads two things.
        <Space wrap size={4}>
          {r.statusLabel}
          {r.transferRequest?.state === 'PENDING' && (
            <Tag color={PENDING_TONE}>{T.units.pendingTo(unitRefLabel(r.transferRequest.toUnit))}</Tag>
          )}
        </Space>
      ),
    },
    idNumber: { title: T.column.idNumber, render: (_, r) => r.idNumber ?? T.dash },
    phone: { title: T.column.phone, render: (_, r) => r.phone ?? T.dash },
    flags: {
      title: T.column.flags,
      // A flag she called a false alarm is no warning on her list any more (Cảnh báo leaves it out too).
      render: (_, r) =>
        r.flags
          .filter((f) => f.resolution !== 'FALSE_ALARM')
          .map((f) => (
            <Tag key={f.code} color={SEVERITY_TONE[f.severity]} title={f.message}>
              {f.label}
            </Tag>
          )),
    },
  };
  const stt: ColumnsType<RosterRow>[number] = { title: T.column.stt, width: 56, render: (_, __, i) => offset + i + 1 };
  // On a phone the row's number and name stay at the left as she scrolls to its status and flags
  // (a tag with no name beside it says nothing); the name comes first after the number there.
  if (!narrow) return [stt, ...keys.map((k) => ({ ...all[k], key: k }))];
  const shown = keys.includes('name') ? ['name' as const, ...keys.filter((k) => k !== 'name')] : keys;
  return [
    { ...stt, fixed: 'left' as const, width: 44 },
    ...shown.map((k) => ({ ...all[k], key: k, ...(k === 'name' ? { fixed: 'left' as const } : {}) })),
  ];
}
