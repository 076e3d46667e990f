import { Select } from 'antd';
import { useState } from 'react';
import { useQuery } from 'urql';
import { CLEARABLE } from '../icons.tsx';
import { useDebounced } from '../useDebounced.ts';
import { COMMUNES } from './roster-query.ts';

/** A commune picked by typing its name: old names and names without accents lead to today's commune. */
export function CommunePicker(props: {
  value?: string;
  onChange?: (code: string | undefined) => void;
  placeholder: string;
  label: string;
  /** The commune already chosen (a record's): shown by its name before she types. */
  initial?: { code: string; name: string };
}) {
  const [typed, setTyped] = useState('');
  const search = useDebounced(typed.trim(), 250);
  const [communes] = useQuery({ query: COMMUNES, variables: { search }, pause: search.length < 2 });
  const found = communes.data?.communes ?? [];
  const options = [...(props.initial && !found.some((c) => c.code === props.initial!.code) ? [props.initial] : []), ...found];
  return (
    <Select
      aria-label={props.label}
      style={{ minWidth: 220 }}
      allowClear={CLEARABLE}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      placeholder={props.placeholder}
      value={props.value}
      onChange={props.onChange}
      loading={communes.fetching}
      options={options.map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))}
    />
  );
}
