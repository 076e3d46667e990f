import { Button, Space, Spin, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { T } from '../text.ts';

/**
 * The roster's foot: how many, and "Trang đầu" / "Trang sau". The button she pressed that can no longer
 * be pressed (the last page reached, the first page back) hands the keyboard's focus to the other one:
 * a disabled button drops it, and she would start again from the top of the page.
 */
export function RosterPager(props: {
  total: string;
  fetching: boolean;
  atFirst: boolean;
  hasNext: boolean;
  onFirst: () => void;
  onNext: () => void;
}) {
  const first = useRef<HTMLButtonElement>(null);
  const next = useRef<HTMLButtonElement>(null);
  const pressed = useRef<'first' | 'next' | null>(null);
  useEffect(() => {
    const lost = document.activeElement === document.body || document.activeElement === null;
    if (pressed.current === 'next' && !props.hasNext && lost) first.current?.focus();
    if (pressed.current === 'first' && props.atFirst && lost) next.current?.focus();
  }, [props.hasNext, props.atFirst]);
  return (
    <Space style={{ marginTop: 12 }} wrap>
      <Typography.Text aria-live="polite">{props.total}</Typography.Text>
      <Spin size="small" spinning={props.fetching} />
      <Button ref={first} disabled={props.atFirst} onClick={() => ((pressed.current = 'first'), props.onFirst())}>
        {T.roster.first}
      </Button>
      <Button ref={next} disabled={!props.hasNext} onClick={() => ((pressed.current = 'next'), props.onNext())}>
        {T.roster.next}
      </Button>
    </Space>
  );
}
