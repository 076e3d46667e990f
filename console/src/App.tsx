import { Spin } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Provider } from 'urql';
import { apiClient } from './client.ts';
import { LoginScreen } from './screens/LoginScreen.tsx';
import { Shell } from './screens/Shell.tsx';
import { currentSession, type Session } from './session.ts';
import { speakAs } from './terms.ts';
import { T } from './text.ts';

/** Asks the server whether the cookie is a session; shows the log-in until it is. */
export function App() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  // Her session ended under her (not her own log-out): the log-in says so, and why when the server said.
  const [endedUnder, setEndedUnder] = useState<{ why: string | null } | null>(null);
  useEffect(() => {
    currentSession().then(setSession, () => setSession(null));
  }, []);
  const ended = useCallback((why?: string | null) => {
    setEndedUnder((before) => ({ why: why ?? before?.why ?? null }));
    setSession(null);
  }, []);
  const loggedIn = useCallback((s: Session | null) => {
    setEndedUnder(null);
    setSession(s);
  }, []);
  // One client per account: a token renewed in another tab is taken in by the client itself (client.ts).
  const username = session?.user.username;
  const client = useMemo(() => (session ? apiClient(session, ended, setSession) : null), [username, ended]);
  // Before anything of hers is drawn, the console takes her organization's words (terms.ts).
  speakAs(session?.user.terms);
  if (session === undefined) return <Spin fullscreen />;
  if (!session || !client) return <LoginScreen onLoggedIn={loggedIn} notice={endedUnder && T.login.endedBecause(endedUnder.why)} />;
  return (
    <Provider value={client}>
      <Shell session={session} onSession={loggedIn} />
    </Provider>
  );
}
