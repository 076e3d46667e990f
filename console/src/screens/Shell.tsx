import { Button, Grid, Layout, Spin, Typography } from 'antd';
import { Suspense, useEffect, useRef, useState } from 'react';
import { logOut, type Session } from '../session.ts';
import { T } from '../text.ts';
import { useSessionKeeper } from '../useSessionKeeper.tsx';
import { routesFor, type Route } from './routes.tsx';
import { SinceLastVisit } from './SinceLastVisit.tsx';
import { useScopeNames } from './useScopeNames.ts';

/** The screen named by the address's hash (#/danh-sach): screens only, never a person. */
function useScreen(routes: Route[]): Route {
  const read = (): Route => {
    // After `?`: the print view's filters (codes, never a person).
    const name = window.location.hash.replace(/^#\/?/, '').split('?')[0];
    return routes.find((r) => r.key === name) ?? routes[0];
  };
  const [screen, setScreen] = useState<Route>(read);
  useEffect(() => {
    const onHash = () => setScreen(read());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  // An address naming a screen she does not have (the one the last person on this computer left open): her home's.
  useEffect(() => {
    const name = window.location.hash.replace(/^#\/?/, '').split('?')[0];
    if (name && name !== screen.key) window.history.replaceState(null, '', '#/');
  }, [screen]);
  return screen;
}

/** The frame every screen sits in: who is logged in, the screens, help, log-out. */
export function Shell({ session, onSession }: { session: Session; onSession: (s: Session | null) => void }) {
  const routes = routesFor(session);
  const screen = useScreen(routes);
  const warning = useSessionKeeper(session, onSession);
  const leave = async () => {
    await logOut(session.csrfToken);
    // The next person on this computer starts at her own home, not at the screen this one left open.
    window.history.replaceState(null, '', '#/');
    onSession(null);
  };
  const scope = useScopeNames(session.user);
  const who = [session.user.username, scope.organization, scope.unit].filter(Boolean).join(' · ');
  // A phone: the name, who she is and Đăng xuất on one line, the screens under it, wrapped — every one
  // in sight (a line that scrolled sideways hid "Tổng quan" past the screen's edge, cut "Cảnh bá…").
  const narrow = Grid.useBreakpoint().md === false;
  // The screen's name as the window's title; a screen opened from the menu takes the keyboard's focus (and a
  // screen reader says its name), so she goes on into it instead of Tabbing again from the menu.
  const content = useRef<HTMLDivElement>(null);
  const title = screen.nav ? T.nav[screen.nav] : T.appName;
  const opened = useRef(false);
  useEffect(() => {
    document.title = `${title} — ${T.appName}`;
    if (opened.current) content.current?.focus();
    opened.current = true;
  }, [screen.key, title]);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a
        className="skip-link"
        href="#"
        onClick={(e) => {
          e.preventDefault();
          content.current?.focus();
        }}
      >
        {T.skipToContent}
      </a>
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
        <Typography.Text strong style={{ color: '#fff', fontSize: 18, whiteSpace: 'nowrap' }}>
          {T.appName}
        </Typography.Text>
        {narrow && whoAndLogOut(who, leave, true)}
        {/* Plain links, the keyboard reaches each: on a phone wrapped lines rather than a folded menu. */}
        <nav
          aria-label={T.appTagline}
          style={
            narrow
              ? { order: 3, width: '100%', display: 'flex', flexWrap: 'wrap', gap: '0 16px' }
              : { flex: 1, display: 'flex', flexWrap: 'wrap', gap: '4px 20px' }
          }
        >
          {routes.flatMap(({ key, nav }) =>
            nav
              ? [
                  <a
                    key={key}
                    href={`#/${key}`}
                    aria-current={screen.key === key ? 'page' : undefined}
                    style={{
                      color: '#fff',
                      whiteSpace: 'nowrap',
                      fontWeight: screen.key === key ? 700 : 400,
                      textDecoration: screen.key === key ? 'underline' : 'none',
                      textUnderlineOffset: 6,
                    }}
                  >
                    {T.nav[nav]}
                  </a>,
                ]
              : [],
          )}
        </nav>
        {!narrow && whoAndLogOut(who, leave, false)}
      </Layout.Header>
      <Layout.Content style={{ padding: 16 }}>
        {warning}
        <SinceLastVisit routes={routes} />
        {/* Layout.Content is the page's <main>: the screen sits in it, focusable for the skip link and the menu. */}
        <div ref={content} role="region" tabIndex={-1} aria-label={title} style={{ outline: 'none' }}>
          <Suspense fallback={<Spin />}>
            {/* Keyed by the screen: leaving one and coming back starts it afresh, as before. */}
            {/* Not before her scope's names are known: they lengthen the header, and the screen would move under her finger. */}
            {scope.ready ? <div key={screen.key}>{screen.render(session)}</div> : <Spin />}
          </Suspense>
        </div>
      </Layout.Content>
    </Layout>
  );
}

/** Her name and scope on one line — a long unit name is cut (in full on hover), never pushing the menu onto two lines — and Đăng xuất. */
function whoAndLogOut(who: string, leave: () => Promise<void>, narrow: boolean) {
  return (
    <>
      <Typography.Text
        style={{ color: '#fff', ...(narrow ? { flex: 1, minWidth: 0, fontSize: 13 } : { maxWidth: 320 }) }}
        ellipsis={{ tooltip: who }}
      >
        {who}
      </Typography.Text>
      <Button size={narrow ? 'small' : 'middle'} onClick={() => void leave()}>
        {T.nav.logout}
      </Button>
    </>
  );
}
