import { Select } from 'antd';
import { useQuery } from 'urql';
import { byFoldedLabel, byUnitTree } from '../../format.ts';
import { CLEARABLE } from '../../icons.tsx';
import { T } from '../../text.ts';
import { UNITS } from '../roster-query.ts';

const D = T.dashboard;

/**
 * Within an organization's figures, one of its units with the chi hội under it (`unit:HND/HND-SPP`):
 * the units in tree order, found by typing a name without accents; cleared, the `whole` scope again (the organization,
 * or a secretariat's own unit).
 */
export function UnitScopePicker(p: { organization: string; scope: string; whole: string; onChange: (scope: string) => void }) {
  const { organization, scope, whole, onChange } = p;
  const [units] = useQuery({ query: UNITS, variables: { organization } });
  const tree = byUnitTree(units.data?.units);
  const depth = new Map<string, number>();
  for (const u of tree) depth.set(u.code, u.parentCode && depth.has(u.parentCode) ? depth.get(u.parentCode)! + 1 : 0);
  const chosen = scope.startsWith('unit:') ? scope.slice(scope.indexOf('/') + 1) : undefined;
  if (units.data && tree.length === 0) return null;
  return (
    <Select
      aria-label={D.unit}
      style={{ minWidth: 240, maxWidth: '100%' }}
      allowClear={CLEARABLE}
      showSearch={{ filterOption: byFoldedLabel }}
      placeholder={D.unit}
      loading={units.fetching}
      value={chosen}
      onChange={(code?: string) => onChange(code ? `unit:${organization}/${code}` : whole)}
      popupMatchSelectWidth={false}
      optionRender={(o) => <span style={{ whiteSpace: 'normal', paddingLeft: 12 * (depth.get(String(o.value)) ?? 0) }}>{o.label}</span>}
      options={tree.map((u) => ({ value: u.code, label: D.unitLabel(u.name, u.commune?.name) }))}
    />
  );
}
