import { Select } from 'antd';
import { useState } from 'react';
import { useQuery } from 'urql';
import { byFoldedLabel, byUnitTree } from '../format.ts';
import { CLEARABLE } from '../icons.tsx';
import { T } from '../text.ts';
import { UNITS } from './roster-query.ts';

/**
 * One unit of an organization (a cơ sở, a chi hội), meant with the units under it: the units in tree
 * order, found by typing a unit's or its commune's name without accents; cleared, none. Nothing when the
 * organization has no unit.
 */
export function UnitPicker(p: { organization: string; value: string | undefined; onChange: (code: string | undefined) => void }) {
  const [units] = useQuery({ query: UNITS, variables: { organization: p.organization } });
  // While she types, the units found are a flat list: indented, a chi hội would look like one of the unit above it.
  const [typed, setTyped] = useState('');
  const tree = byUnitTree(units.data?.units);
  const depth = new Map<string, number>();
  for (const u of tree) depth.set(u.code, u.parentCode && depth.has(u.parentCode) ? depth.get(u.parentCode)! + 1 : 0);
  if (units.data && tree.length === 0) return null;
  return (
    <Select
      aria-label={T.dashboard.unit}
      style={{ minWidth: 240, maxWidth: '100%' }}
      allowClear={CLEARABLE}
      showSearch={{ filterOption: byFoldedLabel, onSearch: setTyped }}
      onOpenChange={(open) => open || setTyped('')}
      placeholder={T.dashboard.unit}
      loading={units.fetching}
      value={p.value}
      onChange={(code?: string) => p.onChange(code || undefined)}
      popupMatchSelectWidth={false}
      optionRender={(o) => (
        <span style={{ whiteSpace: 'normal', paddingLeft: typed ? 0 : 12 * (depth.get(String(o.value)) ?? 0) }}>{o.label}</span>
      )}
      options={tree.map((u) => ({ value: u.code, label: u.label }))}
    />
  );
}
