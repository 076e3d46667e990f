import { Button, Layout, Spin, Typography } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { logOut, type Session } from '../session.ts';
import { T } from '../text.ts';
import { useSessionKeeper } from '../useSessionKeeper.tsx';
import { FlagsScreen } from './FlagsScreen.tsx';
import { HelpScreen } from './HelpScreen.tsx';
import { RosterScreen } from './RosterScreen.tsx';

/** Loaded when she first opens it: the first screen's JavaScript stays small. */
const ImportScreen = lazy(() => import('./import/ImportScreen.tsx').then((m) => ({ default: m.ImportScreen })));
const PrintRoster = lazy(() => import('./PrintRoster.tsx').then((m) => ({ default: m.PrintRoster })));
const UnitsScreen = lazy(() => import('./units/UnitsScreen.tsx').then((m) => ({ default: m.UnitsScreen })));

/** `in`: the printable roster, opened from the roster screen (not in the menu). */
type Screen = 'danh-sach' | 'nhap' | 'canh-bao' | 'don-vi' | 'huong-dan' | 'in';
const SCREENS: Screen[] = ['danh-sach', 'nhap', 'canh-bao', 'don-vi', 'huong-dan', 'in'];
const NAV: [Screen, string][] = [
  ['danh-sach', T.nav.roster],
  ['nhap', T.nav.imports],
  ['canh-bao', T.nav.flags],
  ['don-vi', T.nav.units],
  ['huong-dan', T.nav.help],
];

/** The screen named by the address's hash (#/danh-sach): screens only, never a person. */
function useScreen(): Screen {
  const read = (): Screen => {
    // After `?`: the print view's filters (codes, never a person).
    const name = window.location.hash.replace(/^#\/?/, '').split('?')[0] as Screen;
    return SCREENS.includes(name) ? name : 'danh-sach';
  };
  const [screen, setScreen] = useState<Screen>(read);
  useEffect(() => {
    const onHash = () => setScreen(read());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return screen;
}

/** The frame every screen sits in: who is logged in, the screens, help, log-out. */
export function Shell({ session, onSession }: { session: Session; onSession: (s: Session | null) => void }) {
  const screen = useScreen();
  const warning = useSessionKeeper(session, onSession);
  const leave = async () => {
    await logOut(session.csrfToken);
    onSession(null);
  };
  const who = [session.user.username, session.user.organization].filter(Boolean).join(' · ');
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: '8px 16px',
          padding: '10px 16px',
          flexWrap: 'wrap',
          height: 'auto',
          lineHeight: 1.6,
        }}
      >
        <Typography.Text strong style={{ color: '#fff', fontSize: 18 }}>
          {T.appName}
        </Typography.Text>
        {/* Plain links: they wrap on a phone instead of folding into a menu, and the keyboard reaches each. */}
        <nav aria-label={T.appTagline} style={{ flex: 1, display: 'flex', flexWrap: 'wrap', gap: '4px 20px' }}>
          {NAV.map(([key, label]) => (
            <a
              key={key}
              href={`#/${key}`}
              aria-current={screen === key ? 'page' : undefined}
              style={{
                color: '#fff',
                whiteSpace: 'nowrap',
                fontWeight: screen === key ? 700 : 400,
                textDecoration: screen === key ? 'underline' : 'none',
                textUnderlineOffset: 6,
              }}
            >
              {label}
            </a>
          ))}
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
          {screen === 'canh-bao' && <FlagsScreen session={session} />}
          {screen === 'in' && (
            <Suspense fallback={<Spin />}>
              <PrintRoster key={window.location.hash} />
            </Suspense>
          )}
          {screen === 'don-vi' && (
            <Suspense fallback={<Spin />}>
              <UnitsScreen session={session} />
            </Suspense>
          )}
        </main>
      </Layout.Content>
    </Layout>
  );
}
