import { Select } from 'antd';
import { useState, type CSSProperties } from 'react';
import { useQuery } from 'urql';
import { CLEARABLE } from '../icons.tsx';
import { foldVi } from '../format.ts';
import { T } from '../text.ts';
import { useDebounced } from '../useDebounced.ts';
import { COMMUNE_NAME, COMMUNES } from './roster-query.ts';

type Named = { code: string; name: string; provinceName?: string; inHomeProvince?: boolean; formerNames?: readonly string[] };

/**
 * Its name and code; one outside the deployment's province (or any, when none is set) also names its
 * province; found by an old name she typed (Quài Nưa for Tuần Giáo), that name too — else she wonders why it is offered.
 */
const label = (c: Named, typed: string) => {
  const t = foldVi(typed.trim());
  const former = t && !foldVi(c.name).includes(t) ? c.formerNames?.find((f) => foldVi(f).includes(t)) : undefined;
  return T.form.communeOption(c.name, c.code, c.inHomeProvince === false ? c.provinceName : undefined, former);
};

/**
 * A commune picked by typing its name: old names and names without accents lead to today's commune;
 * the deployment's province's come first, a namesake elsewhere is labelled with its province.
 */
export function CommunePicker(props: {
  /** Its field's id, for the label in sight beside it (`htmlFor`); a Form.Item with a name gives one. */
  id?: string;
  value?: string;
  onChange?: (code: string | undefined) => void;
  placeholder: string;
  label: string;
  /** The commune already chosen (a record's): shown by its name before she types. */
  initial?: Named;
  /** Added to its width (a phone's filter panel: the screen's width). */
  style?: CSSProperties;
  /** The deployment's province's communes only, where it has one of the name (a report, Tổng quan: a namesake elsewhere counts none of hers). */
  homeOnly?: boolean;
}) {
  const [typed, setTyped] = useState('');
  const search = useDebounced(typed.trim(), 250);
  const [communes] = useQuery({ query: COMMUNES, variables: { search }, pause: search.length < 2 });
  // The one she chose stays named after the list moves on to what she types next.
  const [picked, setPicked] = useState<Named | null>(props.initial ?? null);
  const listed = communes.data?.communes ?? [];
  // Her province's namesakes alone, when the list has one (no PROVINCE set: none is, and every commune is offered).
  const found = props.homeOnly && listed.some((c) => c.inHomeProvince) ? listed.filter((c) => c.inHomeProvince) : listed;
  const known = (code: string | undefined) => !!code && (picked?.code === code || found.some((c) => c.code === code));
  const [named] = useQuery({ query: COMMUNE_NAME, variables: { code: props.value ?? '' }, pause: !props.value || known(props.value) });
  const given = named.data?.resolveCommune.commune;
  const extra = [picked, given && given.code === props.value ? given : null].filter(
    (c, i, all): c is Named => !!c && !found.some((f) => f.code === c.code) && all.findIndex((x) => x?.code === c.code) === i,
  );
  const options = [...extra, ...found];
  return (
    <Select
      id={props.id}
      aria-label={props.label}
      style={{ minWidth: 220, ...props.style }}
      allowClear={CLEARABLE}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      placeholder={props.placeholder}
      value={props.value}
      onChange={(code: string | undefined) => {
        setPicked(options.find((c) => c.code === code) ?? null);
        props.onChange?.(code);
      }}
      loading={communes.fetching}
      options={options.map((c) => ({ value: c.code, label: label(c, search) }))}
    />
  );
}
