import { Button, Layout, Menu, Spin, Typography } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { logOut, type Session } from '../session.ts';
import { T } from '../text.ts';
import { useSessionKeeper } from '../useSessionKeeper.tsx';
import { HelpScreen } from './HelpScreen.tsx';
import { RosterScreen } from './RosterScreen.tsx';

/** Loaded when she first opens it: the first screen's JavaScript stays small. */
const ImportScreen = lazy(() => import('./import/ImportScreen.tsx').then((m) => ({ default: m.ImportScreen })));

type Screen = 'danh-sach' | 'nhap' | 'huong-dan';
const SCREENS: Screen[] = ['danh-sach', 'nhap', 'huong-dan'];

/** The screen named by the address's hash (#/danh-sach): screens only, never a person. */
function useScreen(): [Screen, (s: Screen) => void] {
  const read = (): Screen => {
    const name = window.location.hash.replace(/^#\/?/, '') as Screen;
    return SCREENS.includes(name) ? name : 'danh-sach';
  };
  const [screen, setScreen] = useState<Screen>(read);
  useEffect(() => {
    const onHash = () => setScreen(read());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return [screen, (s) => (window.location.hash = `#/${s}`)];
}

/** The frame every screen sits in: who is logged in, the screens, help, log-out. */
export function Shell({ session, onSession }: { session: Session; onSession: (s: Session | null) => void }) {
  const [screen, go] = useScreen();
  const warning = useSessionKeeper(session, onSession);
  const leave = async () => {
    await logOut(session.csrfToken);
    onSession(null);
  };
  const who = [session.user.username, session.user.organization].filter(Boolean).join(' · ');
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 16, flexWrap: 'wrap', height: 'auto' }}>
        <Typography.Text strong style={{ color: '#fff', fontSize: 18 }}>
          {T.appName}
        </Typography.Text>
        <nav aria-label={T.appTagline} style={{ flex: 1, minWidth: 200 }}>
          <Menu
            theme="dark"
            mode="horizontal"
            selectedKeys={[screen]}
            onClick={(e) => go(e.key as Screen)}
            items={[
              { key: 'danh-sach', label: T.nav.roster },
              { key: 'nhap', label: T.nav.imports },
              { key: 'huong-dan', label: T.nav.help },
            ]}
          />
        </nav>
        <Typography.Text style={{ color: '#fff' }}>{who}</Typography.Text>
        <Button onClick={() => void leave()}>{T.nav.logout}</Button>
      </Layout.Header>
      <Layout.Content style={{ padding: 16 }}>
        {warning}
        <main>
          {screen === 'huong-dan' && <HelpScreen />}
          {screen === 'nhap' && (
            <Suspense fallback={<Spin />}>
              <ImportScreen session={session} />
            </Suspense>
          )}
          {screen === 'danh-sach' && <RosterScreen session={session} />}
        </main>
      </Layout.Content>
    </Layout>
  );
}
