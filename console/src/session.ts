import type { Terms } from './terms.ts';

/** The browser session: an HttpOnly cookie set by POST /session; the CSRF token lives only in memory. */
export interface SessionUser {
  username: string;
  role: string;
  organization: string | null;
  unit: string | null;
  /** Her organization's words for its members, branches and dues (terms.ts). */
  terms: Terms | null;
}

export interface Session {
  csrfToken: string;
  expiresAt: string;
  user: SessionUser;
}

export class SessionError extends Error {}

/** She keeps rosters (a secretariat, the administrator): adds, edits, ends, takes back and moves members, wherever she opens one. */
export const keepsRosters = (u: SessionUser): boolean => u.role === 'SECRETARIAT' || u.role === 'ADMIN';
/** She may split and merge persons (the Ban Dân vận, the administrator). */
export const linksPersons = (u: SessionUser): boolean => u.role === 'DAN_VAN' || u.role === 'ADMIN';

async function call<T = Session>(method: string, path: string, body?: unknown, csrf?: string): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (csrf) headers['X-CSRF-Token'] = csrf;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    throw new SessionError('network');
  }
  const json = (await res.json().catch(() => ({}))) as { message?: string | string[] };
  if (!res.ok) throw new SessionError([json.message ?? ''].flat().join(' '));
  return json as T;
}

export const logIn = (username: string, password: string, totpCode: string) => call('POST', '/session', { username, password, totpCode });
export const currentSession = () => call('GET', '/session');
export const extendSession = (csrf: string) => call('POST', '/session/extend', {}, csrf);
export async function logOut(csrf: string): Promise<void> {
  await fetch('/session', { method: 'DELETE', headers: { 'X-CSRF-Token': csrf }, credentials: 'same-origin' }).catch(() => undefined);
}

/** First log-in, step 1: a TOTP secret generated now, as a QR code (SVG) and as text. */
export interface Enrolment {
  username: string;
  totpSecret: string;
  /** The same secret as an otpauth:// link: opens the authenticator on the phone that shows it (a QR code cannot be scanned there). */
  otpauthUri: string;
  qrSvg: string;
  expiresAt: string;
}

export const startEnrolment = (username: string, enrolmentPassword: string) =>
  call<Enrolment>('POST', '/session/enrolment', { username, enrolmentPassword });
/** Step 2: her own password and a code of the new secret → the session. */
export const completeEnrolment = (input: { username: string; enrolmentPassword: string; newPassword: string; totpCode: string }) =>
  call('POST', '/session/enrolment/complete', input);
