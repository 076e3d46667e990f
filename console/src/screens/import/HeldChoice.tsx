import { Select } from 'antd';
import { T } from '../../text.ts';
import type { Preview } from './import-api.ts';

type Row = Preview['rows'][number];
/** A held row's decision: the code of the listed member it is, null for someone else (a new record), undefined for not yet. */
export type HeldDecision = string | null | undefined;

const LATER = '';
const SOMEONE_ELSE = '\u0000new';

/** Which of its candidates a held row is, someone else, or left for later (the row is then not imported). */
export function HeldChoice(props: { row: Row; value: HeldDecision; narrow: boolean; onChange: (d: HeldDecision) => void }) {
  const { row, value } = props;
  const options = [
    // Held as the same person as another row of her file (no listed member to choose): leaving it out is what she means.
    { value: LATER, label: row.candidates.length ? T.imports.held.later : T.imports.held.sameAsOtherRow },
    ...row.candidates.map((c) => ({ value: c.code, label: T.imports.held.is(c) })),
    { value: SOMEONE_ELSE, label: T.imports.held.someoneElse },
  ];
  return (
    <Select
      aria-label={T.imports.held.label(row.fullName ?? T.dash, row.row)}
      // On a phone the list is as wide as the cell and its choices wrap: none is cut at the screen's edge.
      style={{ width: '100%', minWidth: props.narrow ? 0 : 280 }}
      popupMatchSelectWidth={props.narrow}
      optionRender={(o) => <span style={{ whiteSpace: 'normal' }}>{o.label}</span>}
      value={value === undefined ? LATER : value === null ? SOMEONE_ELSE : value}
      options={options}
      onChange={(v: string) => props.onChange(v === LATER ? undefined : v === SOMEONE_ELSE ? null : v)}
    />
  );
}
