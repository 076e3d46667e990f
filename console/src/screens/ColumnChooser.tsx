import { Button, Checkbox, Popover } from 'antd';
import { useRef, useState } from 'react';
import { T } from '../text.ts';
import { ALL_COLUMNS, type ColumnKey } from './roster-columns.tsx';

/**
 * "Chọn cột": the roster's columns, each hers to show or hide. Opened by keyboard too: its first box
 * takes the focus (the list opens at the end of the page, where Tab would never reach it), Esc closes
 * it and gives the focus back to the button, which says whether the list is open.
 */
export function ColumnChooser(props: { value: ColumnKey[]; onChange: (chosen: ColumnKey[]) => void }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <Popover
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      afterOpenChange={(opened) => opened && list.current?.querySelector<HTMLInputElement>('input')?.focus()}
      content={
        <div
          ref={list}
          role="group"
          aria-label={T.roster.columns}
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            e.stopPropagation();
            close();
          }}
        >
          <Checkbox.Group
            value={props.value}
            onChange={props.onChange}
            // Her name is never hidden: it is the button that opens a member (hidden, the roster opened no one).
            options={ALL_COLUMNS.map((c) => ({ value: c, label: T.column[c], disabled: c === 'name' }))}
            style={{ display: 'grid' }}
          />
        </div>
      }
    >
      <Button ref={button} aria-expanded={open}>
        {T.roster.columns}
      </Button>
    </Popover>
  );
}
