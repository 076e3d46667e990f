import { Alert, Button } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { extendSession, type Session } from './session.ts';
import { T } from './text.ts';

const RENEW_BEFORE_MS = 15 * 60_000;
const WARN_BEFORE_MS = 5 * 60_000;
const TICK_MS = 15_000;

/**
 * A session does not end under a secretary who is working, and does end under one who walked away
 * (a commune office's shared computer, a phone left unlocked): it is renewed shortly before it
 * expires only when she has typed, clicked or touched since it was last renewed; when she has not,
 * a warning comes before it ends (over any open form), then the log-in screen. Both moments are
 * bounded by the session's own length, so a short session set by the operator is kept short.
 */
export function useSessionKeeper(session: Session, onSession: (s: Session | null) => void): ReactNode {
  const lastActive = useRef(0);
  const [left, setLeft] = useState(() => Date.parse(session.expiresAt) - Date.now());
  const [lifetime, setLifetime] = useState(() => Date.parse(session.expiresAt) - Date.now());
  useEffect(() => {
    // This session (or its renewal) starts now: what she did before it does not renew it again.
    const renewedAt = Date.now();
    const length = Math.max(60_000, Date.parse(session.expiresAt) - renewedAt);
    setLifetime(length);
    setLeft(Date.parse(session.expiresAt) - renewedAt);
    const renewBefore = Math.min(RENEW_BEFORE_MS, length * 0.75);
    const mark = () => (lastActive.current = Date.now());
    const events = ['keydown', 'pointerdown', 'input', 'touchstart', 'wheel'];
    for (const e of events) window.addEventListener(e, mark, { passive: true });
    const timer = window.setInterval(() => {
      const remaining = Date.parse(session.expiresAt) - Date.now();
      setLeft(remaining);
      if (remaining <= 0) onSession(null);
      else if (remaining < renewBefore && lastActive.current > renewedAt) extendSession(session.csrfToken).then(onSession, () => undefined);
    }, TICK_MS);
    return () => {
      for (const e of events) window.removeEventListener(e, mark);
      window.clearInterval(timer);
    };
  }, [session, onSession]);
  if (left > Math.min(WARN_BEFORE_MS, lifetime / 2)) return null;
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
      // Above any open drawer or dialog (a phone's full-screen form would hide it).
      style={{ position: 'fixed', top: 8, left: 8, right: 8, zIndex: 2100, maxWidth: 560, margin: '0 auto' }}
    />
  );
}
