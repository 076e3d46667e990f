import { lazy, type ReactNode } from 'react';
import type { Session } from '../session.ts';
import { T } from '../text.ts';
import { FlagsScreen } from './FlagsScreen.tsx';
import { HelpScreen } from './HelpScreen.tsx';
import { RosterScreen } from './RosterScreen.tsx';

/** Loaded when first opened: the first screen's JavaScript stays small. */
const ImportScreen = lazy(() => import('./import/ImportScreen.tsx').then((m) => ({ default: m.ImportScreen })));
const PrintRoster = lazy(() => import('./PrintRoster.tsx').then((m) => ({ default: m.PrintRoster })));
const PrintMovement = lazy(() => import('./filed/PrintMovement.tsx').then((m) => ({ default: m.PrintMovement })));
const ReportsScreen = lazy(() => import('./reports/ReportsScreen.tsx').then((m) => ({ default: m.ReportsScreen })));
const AdminScreen = lazy(() => import('./admin/AdminScreen.tsx').then((m) => ({ default: m.AdminScreen })));
const DashboardScreen = lazy(() => import('./dashboard/DashboardScreen.tsx').then((m) => ({ default: m.DashboardScreen })));
const ReviewScreen = lazy(() => import('./review/ReviewScreen.tsx').then((m) => ({ default: m.ReviewScreen })));
const UnitsScreen = lazy(() => import('./units/UnitsScreen.tsx').then((m) => ({ default: m.UnitsScreen })));

type Role = 'ADMIN' | 'SECRETARIAT' | 'DAN_VAN' | 'AUDITOR';
const EVERYONE: Role[] = ['ADMIN', 'SECRETARIAT', 'DAN_VAN', 'AUDITOR'];
const ROSTER_ROLES: Role[] = ['ADMIN', 'SECRETARIAT', 'DAN_VAN'];

export interface Route {
  /** The address's hash: `#/danh-sach`. Screens only, never a person. */
  key: string;
  /** Its name in the menu (`T.nav`, read when the menu is drawn: in her organization's words); none: reached from another screen (the printable roster). */
  nav?: keyof typeof T.nav;
  /** Who sees it (the server checks each request again: this only keeps the menu to what she may use). */
  roles: Role[];
  render: (session: Session) => ReactNode;
}

/** Every screen, in menu order. The first one a user may open is her home screen. */
export const ROUTES: Route[] = [
  // The Ban Dân vận's, the auditor's and the administrator's home; a secretariat's is her roster.
  { key: 'tong-quan', nav: 'dashboard', roles: ['DAN_VAN', 'AUDITOR', 'ADMIN'], render: (s) => <DashboardScreen session={s} /> },
  { key: 'danh-sach', nav: 'roster', roles: ROSTER_ROLES, render: (s) => <RosterScreen session={s} /> },
  { key: 'nhap', nav: 'imports', roles: ['ADMIN', 'SECRETARIAT'], render: (s) => <ImportScreen session={s} /> },
  { key: 'canh-bao', nav: 'flags', roles: ROSTER_ROLES, render: (s) => <FlagsScreen session={s} /> },
  { key: 'lien-ket', nav: 'review', roles: ['DAN_VAN', 'ADMIN'], render: (s) => <ReviewScreen session={s} /> },
  { key: 'don-vi', nav: 'units', roles: ['ADMIN', 'SECRETARIAT'], render: (s) => <UnitsScreen session={s} /> },
  // A secretariat's Tổng quan: her unit's (or organization's) figures only, after her own screens.
  { key: 'so-lieu', nav: 'dashboard', roles: ['SECRETARIAT'], render: (s) => <DashboardScreen session={s} own /> },
  { key: 'bao-cao', nav: 'reports', roles: ['DAN_VAN', 'AUDITOR', 'ADMIN'], render: (s) => <ReportsScreen session={s} /> },
  { key: 'quan-tri', nav: 'admin', roles: ['ADMIN'], render: (session) => <AdminScreen me={session.user.username} /> },
  { key: 'huong-dan', nav: 'help', roles: EVERYONE, render: (s) => <HelpScreen session={s} /> },
  { key: 'in', roles: ROSTER_ROLES, render: () => <PrintRoster key={window.location.hash} /> },
  { key: 'tang-giam', roles: ROSTER_ROLES, render: (s) => <PrintMovement key={window.location.hash} session={s} /> },
];

/** The screens her role may open. */
export const routesFor = (session: Session): Route[] => ROUTES.filter((r) => r.roles.includes(session.user.role as Role));
