import { Select } from 'antd';
import { T } from '../../text.ts';
import type { Preview } from './import-api.ts';

type Row = Preview['rows'][number];
/** A held row's decision: the code of the listed member it is, null for someone else (a new record), undefined for not yet. */
export type HeldDecision = string | null | undefined;

const LATER = '';
const SOMEONE_ELSE = '\u0000new';

/** Which of its candidates a held row is, someone else, or left for later (the row is then not imported). */
export function HeldChoice({ row, value, onChange }: { row: Row; value: HeldDecision; onChange: (d: HeldDecision) => void }) {
  const options = [
    { value: LATER, label: T.imports.held.later },
    ...row.candidates.map((c) => ({ value: c.code, label: T.imports.held.is(c) })),
    { value: SOMEONE_ELSE, label: T.imports.held.someoneElse },
  ];
  return (
    <Select
      aria-label={T.imports.held.label(row.fullName ?? T.dash, row.row)}
      style={{ width: '100%', minWidth: 200 }}
      popupMatchSelectWidth={false}
      value={value === undefined ? LATER : value === null ? SOMEONE_ELSE : value}
      options={options}
      onChange={(v: string) => onChange(v === LATER ? undefined : v === SOMEONE_ELSE ? null : v)}
    />
  );
}
