import { Alert, Button } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { extendSession, type Session } from './session.ts';
import { T } from './text.ts';

const RENEW_BEFORE_MS = 15 * 60_000;
const WARN_BEFORE_MS = 5 * 60_000;

/**
 * A session does not end under a secretary who is working: while she has typed or clicked in the
 * last minutes, it is renewed before it expires; when she has not, a warning comes 5 minutes before.
 */
export function useSessionKeeper(session: Session, onSession: (s: Session | null) => void): ReactNode {
  const lastActive = useRef(Date.now());
  const [left, setLeft] = useState(() => Date.parse(session.expiresAt) - Date.now());
  useEffect(() => {
    const mark = () => (lastActive.current = Date.now());
    const events = ['keydown', 'pointerdown', 'input'];
    for (const e of events) window.addEventListener(e, mark, { passive: true });
    const timer = window.setInterval(() => {
      const remaining = Date.parse(session.expiresAt) - Date.now();
      setLeft(remaining);
      if (remaining <= 0) onSession(null);
      else if (remaining < RENEW_BEFORE_MS && Date.now() - lastActive.current < RENEW_BEFORE_MS)
        extendSession(session.csrfToken).then(onSession, () => undefined);
    }, 30_000);
    return () => {
      for (const e of events) window.removeEventListener(e, mark);
      window.clearInterval(timer);
    };
  }, [session, onSession]);
  if (left > WARN_BEFORE_MS) return null;
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      title={T.session.expiring}
      description={T.session.expiringBody(Math.max(1, Math.round(left / 60_000)))}
      action={
        <Button onClick={() => void extendSession(session.csrfToken).then(onSession, () => onSession(null))}>{T.session.keep}</Button>
      }
      style={{ marginBottom: 16 }}
    />
  );
}
